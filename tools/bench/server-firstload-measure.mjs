// Not a test: first page load figures for docs/server.md. Generates an app of
// N native ES modules (firstload-app.mjs), serves it and times navigation to
// fully rendered in headless Chromium:
//   cold: the server just started (the page navigates as soon as the server's
//         port answers) and a fresh browser profile;
//   warm: the same server, browser and tab navigating to the page again
//         (twice; the better one counts).
// Chromium runs without a debugger attached: Playwright's CDP session costs
// the browser real CPU per request (Network events), which a 1000-module page
// pays 1000 times and a bundle does not. The page reports its own figures by
// POST to a small server here (`?report=`): performance.now() when main.ts has
// run, i.e. ms since navigation start, and what the resource timing says.
// CPU time of the browser's and the server's process trees comes from /proc.
//   node tools/bench/server-firstload-measure.mjs [runs=5] [modules=1000]
//   SERVER=bun|vite node tools/bench/server-firstload-measure.mjs   (npm bun, vite)
//   SHAPE=chain: the groups import each other in a chain (33 levels deep, not 3)
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateApp } from "./firstload-app.mjs";
import { startServer, writeTree } from "../../tests/node/server-helpers.mjs";

const runs = Number(process.argv[2] ?? 5);
const count = Number(process.argv[3] ?? 1000);
const kind = process.env.SERVER ?? "hmrc";
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// CPU seconds used so far by every process below `roots` (inclusive);
// `byType` gets them per Chromium process type (browser, renderer, utility: the network service, ...).
function cpuSeconds(roots, byType) {
  const parent = new Map(), ticks = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(pid), Number(f[1]));
      ticks.set(Number(pid), Number(f[11]) + Number(f[12]));
    } catch {}
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) {
      if (roots.includes(p)) {
        total += t;
        if (byType) {
          let type = "browser";
          try {
            const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
            type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (pid === p ? "browser" : "other");
            if (type === "utility") type = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1] ?? type;
          } catch {}
          byType[type] = (byType[type] ?? 0) + t / 100;
        }
        break;
      }
    }
  }
  return total / 100;
}

async function start(dir) {
  if (kind === "hmrc") return startServer({}, { dir });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const bin = path.join(new URL("../../node_modules/.bin/", import.meta.url).pathname, kind);
  const args = kind === "bun" ? ["./index.html", "--port", String(port)] : ["--port", String(port), "--strictPort"];
  const child = spawn(bin, args, { cwd: dir, stdio: "ignore" });
  for (;;) {
    const up = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    child, url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => (child.on("exit", resolve), child.kill("SIGTERM"))),
  };
}

// The harness side: /wait holds the browser's first page until `go(url)`;
// /report receives the page's figures and answers the next URL.
function harness() {
  const waiting = [], reports = [];
  let onReport = null;
  const server = http.createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.url === "/wait") {
      res.setHeader("content-type", "text/html");
      res.end(`<script>fetch("/go").then((r) => r.text()).then((u) => (location.href = u));</script>`);
    } else if (req.url === "/go") {
      waiting.push(res);
      if (onReport) onReport();
    } else if (req.url === "/report") {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        reports.push({ figures: JSON.parse(body), res });
        onReport?.();
      });
    } else {
      res.end();
    }
  });
  const until = (ready) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the page did not report within 120 s")), 120000);
      onReport = () => {
        if (!ready()) return;
        clearTimeout(timer);
        onReport = null;
        resolve();
      };
      onReport();
    });
  return {
    listen: () => new Promise((r) => server.listen(0, "127.0.0.1", () => r(server.address().port))),
    close: () => server.close(),
    waitForBrowser: () => until(() => waiting.length > 0),
    go: (url) => waiting.shift().end(url),
    nextReport: async () => {
      await until(() => reports.length > 0);
      return reports.shift();
    },
  };
}

const dir = mkdtempSync(path.join(tmpdir(), "hmrc-firstload-"));
writeTree(dir, generateApp(count, { chain: process.env.SHAPE === "chain" }));
const leaves = count - 1 - Math.round(Math.sqrt(count));
const results = { cold: [], warm: [] };
const side = harness();
const harnessPort = await side.listen();
for (let r = 0; r < runs; r++) {
  const profile = mkdtempSync(path.join(tmpdir(), "hmrc-firstload-profile-"));
  // Its own process group, so that stopping it stops its children too.
  const browser = spawn(chromiumPath, [...chromiumArgs, `--user-data-dir=${profile}`, `http://127.0.0.1:${harnessPort}/wait`], {
    stdio: "ignore",
    detached: true,
  });
  await side.waitForBrowser();
  const server = await start(dir);
  const roots = { browser: [browser.pid], server: [server.child.pid] };
  const loads = [];
  try {
    const report = `http://127.0.0.1:${harnessPort}/report`;
    const page = (n) => `${server.url}/?report=${encodeURIComponent(report)}&n=${n}`;
    let types = {};
    let cpu = { browser: cpuSeconds(roots.browser, types), server: cpuSeconds(roots.server) };
    side.go(page(0));
    for (let n = 1; n <= 3; n++) {
      const { figures, res } = await side.nextReport();
      const nowTypes = {};
      const now = { browser: cpuSeconds(roots.browser, nowTypes), server: cpuSeconds(roots.server) };
      const split = Object.entries(nowTypes).map(([t, v]) => `${t} ${(v - (types[t] ?? 0)).toFixed(2)}`).join(", ");
      loads.push({ ...figures, browserCpu: now.browser - cpu.browser, serverCpu: now.server - cpu.server, split });
      types = nowTypes;
      cpu = now;
      res.end(n < 3 ? page(n) : "");
    }
  } finally {
    const exited = new Promise((resolve) => (browser.exitCode !== null ? resolve() : browser.on("exit", resolve)));
    process.kill(-browser.pid, "SIGTERM");
    await exited;
    await server.stop();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
  for (const load of loads)
    if (load.rendered !== leaves) throw new Error(`rendered ${load.rendered} of ${leaves} leaves`);
  const [cold, warm, warm2] = loads;
  results.cold.push(cold);
  results.warm.push(warm2.at < warm.at ? warm2 : warm);
  const show = (x) =>
    `${x.at.toFixed(0)} ms (html ${x.html.toFixed(0)}, last module ${x.lastModule.toFixed(0)}; cpu browser ` +
    `${x.browserCpu.toFixed(2)} s [${x.split}], server ${x.serverCpu.toFixed(2)} s; ${x.fetched} fetched, ${x.revalidated} ` +
    `revalidated, ${x.cached} cached)`;
  console.log(`run ${r + 1}: cold ${show(cold)}; warm ${show(warm)}, ${show(warm2)}`);
}
side.close();
const median = (xs, f) => {
  const s = xs.map(f).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const stats = (xs) =>
  `best ${Math.min(...xs.map((x) => x.at)).toFixed(0)} ms, median ${median(xs, (x) => x.at).toFixed(0)} ms, ` +
  `cpu median browser ${median(xs, (x) => x.browserCpu).toFixed(2)} s server ${median(xs, (x) => x.serverCpu).toFixed(2)} s`;
console.log(`${kind}, ${count} modules, ${runs} runs: cold ${stats(results.cold)}; warm ${stats(results.warm)}`);
rmSync(dir, { recursive: true, force: true });
