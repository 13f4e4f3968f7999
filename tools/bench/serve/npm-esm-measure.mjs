// Should an ES module package with hundreds of files be bundled or served
// file by file? lodash-es (640 files) under hmrc serve, both ways:
//
//   node tools/bench/serve/npm-esm-measure.mjs [runs=3]
//
// bundled: `import { camelCase } from "lodash-es"` (one /@deps/ bundle).
// files:   `import { camelCase } from "/node_modules/lodash-es/lodash.js"`,
//          each file compiled and served as an app module (and listed in the
//          import map with its version), as a server that does not bundle would.
// Cold: fresh server, cache and profile; warm: the same, navigating again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './browser.mjs';
import { removeAtExit, root, startServer } from './servers.mjs';

const runs = Number(process.argv[2] ?? 3);

function makeApp(specifier) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-esm-measure-'));
  removeAtExit(dir);
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><body><p id="out"></p><script type="module" src="/src/main.ts"></script></body>\n');
  fs.writeFileSync(path.join(dir, 'src/main.ts'), `import { camelCase, chunk } from ${JSON.stringify(specifier)};
document.getElementById("out")!.textContent = camelCase("lodash es") + chunk([1, 2], 1).length;
(window as any).__ready = performance.now();
`);
  // A copy, not a symlink: served files must lie inside the served folder.
  fs.cpSync(path.join(root, 'node_modules/lodash-es'), path.join(dir, 'node_modules/lodash-es'), { recursive: true, dereference: true });
  return dir;
}

async function once(specifier) {
  const dir = makeApp(specifier);
  const server = await startServer('hmrc', dir);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/', { timeout: 120000 });
    await page.waitForFunction(() => window.__ready, null, { timeout: 120000 });
    const cold = await page.evaluate(() => ({ ready: window.__ready, requests: performance.getEntriesByType('resource').length }));
    await page.reload();
    await page.waitForFunction(() => window.__ready);
    const warm = await page.evaluate(() => window.__ready);
    return { cold: cold.ready, requests: cold.requests, warm };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ways = { bundled: 'lodash-es', files: '/node_modules/lodash-es/lodash.js' };
const results = { bundled: [], files: [] };
console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (let i = 0; i < runs; i++) {
  for (const [way, spec] of Object.entries(ways)) {
    const r = await once(spec);
    results[way].push(r);
    console.log(`run ${i + 1} ${way}: cold ${r.cold.toFixed(0)} ms (${r.requests} requests), warm ${r.warm.toFixed(0)} ms`);
  }
}
for (const [way, rs] of Object.entries(results))
  console.log(`${way}: cold median ${median(rs.map((r) => r.cold)).toFixed(0)} ms, warm median ${median(rs.map((r) => r.warm)).toFixed(0)} ms`);
