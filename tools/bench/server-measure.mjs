// Not a test: figures for docs/server.md. Starts hmrc serve on a temp folder
// and measures save-to-push latency (file write to `update` received over the
// WebSocket), compile-on-request time and request latency.
//   node tools/bench/server-measure.mjs [edits=50]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openPage, sleep, startServer } from "../../tests/node/server-helpers.mjs";

const edits = Number(process.argv[2] ?? 50);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (xs) => `median ${quantile(xs, 0.5).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;

// A realistic module: examples/app/src/view.ts, repeated to about 40 KB.
const view = readFileSync(new URL("../../examples/app/src/view.ts", import.meta.url), "utf8");
const big = Array.from({ length: 20 }, (_, i) => view.replaceAll("render", `render${i}`).replace(/^import .*$/gm, "")).join("\n");
const server = await startServer({
  "index.html": "<html><head></head></html>",
  "src/leaf.ts": "export const v = 0;\nimport.meta.hot.accept();\n",
  "src/big.ts": big,
});

const page = openPage(server.port);
await page.next("hello");
await fetch(server.url + "/src/leaf.ts");

const push = [];
for (let i = 1; i <= edits; i++) {
  const start = performance.now();
  writeFileSync(path.join(server.dir, "src/leaf.ts"), `export const v = ${i};\nimport.meta.hot.accept();\n`);
  await page.next("update");
  push.push(performance.now() - start);
  await sleep(20);
}
console.log(`save to update received (${edits} edits of a leaf): ${fmt(push)}`);

const cold = [], warm = [], compile = [];
const timing = (res) => Number(/dur=([0-9.]+)/.exec(res.headers.get("server-timing"))?.[1]);
for (let i = 0; i < 20; i++) {
  writeFileSync(path.join(server.dir, "src/big.ts"), big + `\nexport const n${i} = ${i};\n`);
  let start = performance.now();
  const res = await fetch(server.url + "/src/big.ts");
  await res.text();
  cold.push(performance.now() - start);
  compile.push(timing(res));
  start = performance.now();
  await (await fetch(server.url + "/src/big.ts")).text();
  warm.push(performance.now() - start);
}
console.log(`compile() of a ${(big.length / 1024).toFixed(0)} KB module in the server (Server-Timing): ${fmt(compile)}`);
console.log(`GET of a ${(big.length / 1024).toFixed(0)} KB module: compiled ${fmt(cold)}; cached ${fmt(warm)} (fetch round trip)`);
// Incremental reparse: one character changed in the middle of a 40 KB and a
// 1 MB module, compiled by the server after each edit (Server-Timing). An id
// seen for the first time is compiled from scratch: that is the baseline.
const sized = (copies) => {
  const parts = Array.from({ length: copies }, (_, i) => view.replaceAll("render", `render${i}`).replace(/^import .*$/gm, ""));
  parts.splice(copies >> 1, 0, "export const marker = 0;\n");
  return parts.join("\n");
};
for (const [label, copies] of [["40 KB", 35], ["1 MB", 880]]) {
  const text = sized(copies);
  const scratch = [], incremental = [];
  for (let i = 0; i < 6; i++) {
    writeFileSync(path.join(server.dir, `src/fresh${label[0]}${i}.ts`), text);
    const res = await fetch(server.url + `/src/fresh${label[0]}${i}.ts`);
    await res.text();
    scratch.push(timing(res));
  }
  const file = path.join(server.dir, `src/edited${label[0]}.ts`);
  writeFileSync(file, text);
  await (await fetch(server.url + `/src/edited${label[0]}.ts`)).text();
  for (let i = 1; i <= 12; i++) {
    writeFileSync(file, text.replace("marker = 0;", `marker = ${i % 10};`));
    const res = await fetch(server.url + `/src/edited${label[0]}.ts`);
    await res.text();
    // The first edit has no kept tree yet (a module's first compile keeps none).
    if (i > 1) incremental.push(timing(res));
  }
  console.log(`compile of a ${(text.length / 1024).toFixed(0)} KB module after a one-character edit: incremental ${fmt(incremental)}; from scratch ${fmt(scratch)}`);
}
page.close();
console.log(`url ${server.url}`);
if (process.argv[3] !== "keep") await server.stop();
else console.log("server left running for wrk; kill", server.child.pid);
