// First page load of an app with npm packages (react, react-dom, lodash-es,
// lodash, nanoid, zustand), hmrc against Vite and Bun in one run:
//
//   node tools/bench/serve/npm-firstload.mjs [runs=3]
//
// cold: no dependency cache on disk (node_modules/.hmrc, node_modules/.vite
//       removed), a server just started (its port accepts connections), a
//       fresh browser profile; navigate at once.
// warm: the same server and browser, navigating again (the browser's cache).
// restart: a new server process and a fresh browser, the disk cache kept.
// The figure is window.__ready: ms from navigation start to the counter
// rendered and every package used. Packages are symlinked from the repo's
// node_modules (the pinned versions), as pnpm lays them out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './browser.mjs';
import { removeAtExit, root, startServer, versions } from './servers.mjs';

const runs = Number(process.argv[2] ?? 3);
const packages = ['react', 'react-dom', 'scheduler', 'lodash-es', 'lodash', 'nanoid', 'zustand'];

const files = {
  'index.html': '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
  'src/main.tsx': `import React, { useState } from "react";
import { createRoot } from "react-dom/client";
import { camelCase, chunk } from "lodash-es";
import _ from "lodash";
import { nanoid } from "nanoid";
import { createStore } from "zustand/vanilla";

const store = createStore(() => ({ label: camelCase("first load") }));
function App() {
  const [n, setN] = useState(0);
  return React.createElement("div", null,
    React.createElement("button", { id: "inc", onClick: () => setN(n + 1) }, "count " + n),
    React.createElement("p", { id: "info" }, store.getState().label + " " + JSON.stringify(chunk([1, 2, 3], 2)) + " " + _.kebabCase("a b") + " " + nanoid().length));
}
createRoot(document.getElementById("root")!).render(React.createElement(App));
const wait = () => document.getElementById("inc") ? ((window as any).__ready = performance.now()) : requestAnimationFrame(wait);
wait();
`,
};

function makeApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-npm-bench-'));
  removeAtExit(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const p of packages) fs.symlinkSync(path.join(root, 'node_modules', p), path.join(dir, 'node_modules', p), 'dir');
  // The same lockfile for every tool: the repo's.
  fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'npm-bench', private: true, type: 'module' }));
  return dir;
}

async function load(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url, { timeout: 120000 });
  await page.waitForFunction(() => window.__ready, null, { timeout: 120000 });
  const r = await page.evaluate(() => ({ ready: window.__ready, requests: performance.getEntriesByType('resource').length }));
  return { page, ...r };
}

async function measure(tool, dir) {
  for (const cache of ['.hmrc', '.vite']) fs.rmSync(path.join(dir, 'node_modules', cache), { recursive: true, force: true });
  let server = await startServer(tool, dir);
  let browser = await launch();
  const out = {};
  try {
    const cold = await load(browser, server.url + '/');
    out.cold = cold.ready;
    out.coldRequests = cold.requests;
    const again = await cold.page.reload().then(() => cold.page.waitForFunction(() => window.__ready)).then(() => cold.page.evaluate(() => window.__ready));
    out.warm = again;
    await browser.close();
    await server.stop();
    server = await startServer(tool, dir);
    browser = await launch();
    const restart = await load(browser, server.url + '/');
    out.restart = restart.ready;
  } finally {
    await browser.close();
    await server.stop();
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const v = versions();
console.log(`hmrc ${v.hmrc}, Vite ${v.vite}, Bun ${v.bun}, ${v.chromium}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const results = { hmrc: [], vite: [], bun: [] };
for (let i = 0; i < runs; i++) {
  // Alternating tools, so that a change in the machine's load hits each.
  for (const tool of Object.keys(results)) {
    const dir = makeApp();
    const r = await measure(tool, dir);
    results[tool].push(r);
    console.log(`run ${i + 1} ${tool}: cold ${r.cold.toFixed(0)} ms (${r.coldRequests} requests), warm ${r.warm.toFixed(0)} ms, restart ${r.restart.toFixed(0)} ms`);
  }
}
console.log('\n| server | cold median | warm median | restart (disk cache) median |\n|---|---|---|---|');
const med = {};
for (const [tool, rs] of Object.entries(results)) {
  med[tool] = { cold: median(rs.map((r) => r.cold)), warm: median(rs.map((r) => r.warm)), restart: median(rs.map((r) => r.restart)) };
  console.log(`| ${tool} | ${med[tool].cold.toFixed(0)} ms | ${med[tool].warm.toFixed(0)} ms | ${med[tool].restart.toFixed(0)} ms |`);
}
for (const other of ['vite', 'bun'])
  console.log(`hmrc / ${other}: cold ${(med.hmrc.cold / med[other].cold).toFixed(2)}, warm ${(med.hmrc.warm / med[other].warm).toFixed(2)}, restart ${(med.hmrc.restart / med[other].restart).toFixed(2)}`);
