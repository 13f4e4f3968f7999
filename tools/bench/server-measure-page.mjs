// Not a test: save-to-screen latency for docs/server.md. Starts hmrc serve on
// a temp app, opens it in headless Chromium and measures, per edit, the time
// from just before writeFileSync to the MutationObserver in the page seeing
// the new text (both clocks are performance.timeOrigin + now(), one machine).
//   node tools/bench/server-measure-page.mjs [edits=50] [--trace] [--pause=MS]
// --trace runs the server with HMRC_TRACE=1 and prints its per-stage lines.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer, sleep } from "../../tests/node/server-helpers.mjs";
import { tempDir } from "../../tests/node/helpers.mjs";

const edits = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 50);
const trace = process.argv.includes("--trace");
// --pause=MS between edits (default 30): over 10 s, the page's keep-alive connections have closed.
const pause = Number(process.argv.find((a) => a.startsWith("--pause="))?.slice(8) ?? 30);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (xs) => `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
const now = () => performance.timeOrigin + performance.now();

// A leaf as issue 6 describes it: renders its text, accepts itself.
const leaf = (text) =>
  `const el = document.getElementById("leaf")!;\nel.textContent = ${JSON.stringify(text)};\nimport.meta.hot.accept();\n`;
// A realistic 40 KB module (examples/app/src/view.ts repeated) that does the same.
const view = readFileSync(new URL("../../examples/app/src/view.ts", import.meta.url), "utf8");
const filler = Array.from({ length: 20 }, (_, i) =>
  view.replaceAll("render", `render${i}`).replace(/^import .*$/gm, "").replace(/^export /gm, ""),
).join("\n");
const big = (text) =>
  `${filler}\nconst big = document.getElementById("big")!;\nbig.textContent = ${JSON.stringify(text)};\nimport.meta.hot.accept();\n`;

const dir = tempDir("hmrc-measure-page-");
const server = await startServer(
  {
    "index.html": `<html><head></head><body><p id="leaf"></p><p id="big"></p><script type="module" src="/src/main.ts"></script></body></html>`,
    "src/main.ts": `import "./leaf.ts";\nimport "./big.ts";\n`,
    "src/leaf.ts": leaf("leaf 0"),
    "src/big.ts": big("big 0"),
  },
  { dir, env: trace ? { HMRC_TRACE: "1" } : {} },
);
const context = await chromium.launchPersistentContext(tempDir("hmrc-measure-profile-"), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await context.newPage();
await page.goto(server.url + "/");
await page.waitForFunction(() => document.getElementById("big").textContent === "big 0");
await page.evaluate(() => {
  window.__seen = new Map();
  for (const id of ["leaf", "big"]) {
    const el = document.getElementById(id);
    new MutationObserver(() => window.__seen.set(el.textContent, performance.timeOrigin + performance.now())).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  }
});

// Medians of the server's --trace figures over the lines of one run.
function traceSummary(lines) {
  const pick = (re) => lines.map((l) => re.exec(l)).filter(Boolean).map((m) => Number(m[1]));
  const stages = {
    "watcher": pick(/^trace update .*: watcher ([0-9.]+) ms/),
    "read+hash": pick(/^trace update .*read \+ hash ([0-9.]+) ms/),
    "compile": pick(/^trace update .*compile ([0-9.]+) ms/),
    "server total": pick(/^trace update .*total ([0-9.]+) ms/),
    "push->fetch": pick(/^trace fetch .* ([0-9.]+) ms after the push/),
    "message->applied": pick(/^trace page .*applied ([0-9.]+) ms/),
    "fetch+evaluate": pick(/^trace page .*fetch \+ evaluate ([0-9.]+) ms/),
  };
  const incremental = lines.filter((l) => /^trace update .*, 1 incremental\)/.test(l)).length;
  return Object.entries(stages)
    .filter(([, xs]) => xs.length)
    .map(([k, xs]) => `${k} ${quantile(xs, 0.5).toFixed(2)}`)
    .join(", ") + ` (medians, ms; ${incremental} incremental compiles)`;
}

async function run(name, rel, source) {
  const firstLine = server.lines.length;
  const times = [];
  for (let i = 1; i <= edits; i++) {
    const text = `${name} ${i}`;
    const start = now();
    writeFileSync(path.join(dir, rel), source(text));
    const seen = await page.waitForFunction((t) => window.__seen.get(t), text, { polling: 5, timeout: 5000 });
    times.push((await seen.jsonValue()) - start);
    await sleep(pause);
  }
  console.log(`save to screen, ${name} (${(source("").length / 1024).toFixed(1)} KB), ${edits} edits: ${fmt(times)}`);
  if (trace) {
    await sleep(100);
    console.log(`  trace: ${traceSummary(server.lines.slice(firstLine))}`);
  }
}
await run("leaf", "src/leaf.ts", leaf);
await run("big", "src/big.ts", big);
if (process.env.DUMP_TRACE) console.log(server.lines.filter((l) => l.startsWith("trace")).slice(-9).join("\n"));
await context.close();
await server.stop();
