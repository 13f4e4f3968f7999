// Not a test: first page load figures for docs/server.md. Generates an app of
// N native ES modules (index.html -> src/main.ts -> groups -> leaves; each leaf
// renders its text and accepts itself), starts `hmrc serve` on it and times
// navigation to fully rendered in headless Chromium:
//   cold: the server just started (the navigation follows its ready line at
//         once) and a fresh browser profile;
//   warm: the same server and profile, a new tab navigating again.
// The time is the page's own performance.now() when main.ts has run (ms since
// navigation start), so the browser launch and Playwright are not in it.
//   node tests/node/server-firstload-measure.mjs [runs=5] [modules=1000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { generateApp } from "./firstload-app.mjs";
import { startServer, writeTree } from "./server-helpers.mjs";

const runs = Number(process.argv[2] ?? 5);
const count = Number(process.argv[3] ?? 1000);
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function resourceCounts() {
  const entries = performance.getEntriesByType("resource");
  let network = 0, revalidated = 0, cached = 0;
  for (const e of entries) {
    if (e.transferSize === 0) cached++;
    else if (e.encodedBodySize === 0 || e.transferSize < e.encodedBodySize) revalidated++;
    else network++;
  }
  return { resources: entries.length, network, revalidated, cached };
}

async function load(context, url) {
  const page = await context.newPage();
  const wall = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__loaded, null, { timeout: 60000, polling: 5 });
  const wallMs = performance.now() - wall;
  const loaded = await page.evaluate(() => window.__loaded);
  const counts = await page.evaluate(resourceCounts);
  await page.close();
  return { ms: loaded.at, wallMs, rendered: loaded.rendered, ...counts };
}

const dir = mkdtempSync(path.join(tmpdir(), "hmrc-firstload-"));
writeTree(dir, generateApp(count));
const results = { cold: [], warm: [] };
for (let r = 0; r < runs; r++) {
  const profile = mkdtempSync(path.join(tmpdir(), "hmrc-firstload-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs,
  });
  // Chromium is up before the server starts: the cold load includes
  // whatever the server does at start.
  await (await context.newPage()).goto("about:blank");
  const server = await startServer({}, { dir });
  try {
    const cold = await load(context, server.url + "/");
    const warm = await load(context, server.url + "/");
    const warm2 = await load(context, server.url + "/");
    if (cold.rendered !== count - 1 - Math.round(Math.sqrt(count)))
      throw new Error(`rendered ${cold.rendered} leaves`);
    results.cold.push(cold);
    results.warm.push(warm2.ms < warm.ms ? warm2 : warm);
    console.log(`run ${r + 1}: cold ${cold.ms.toFixed(0)} ms (${JSON.stringify({ ...cold, ms: undefined, rendered: undefined })}), warm ${warm.ms.toFixed(0)} / ${warm2.ms.toFixed(0)} ms (${JSON.stringify({ ...warm2, ms: undefined, rendered: undefined })})`);
  } finally {
    await context.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}
const stats = (xs) => {
  const s = xs.map((x) => x.ms).sort((a, b) => a - b);
  return `best ${s[0].toFixed(0)} ms, median ${s[Math.floor(s.length / 2)].toFixed(0)} ms`;
};
console.log(`${count} modules, ${runs} runs: cold ${stats(results.cold)}; warm ${stats(results.warm)}`);
rmSync(dir, { recursive: true, force: true });
