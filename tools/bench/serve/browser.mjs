// Chromium for the page-side benchmarks, and the probes injected into every
// page before any of its scripts run. Nothing here knows which dev server
// serves the page: the probes see only the WebSocket, the resource fetches
// and the DOM, so the same breakdown applies to hmrc, Vite and Bun.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { removeAtExit } from './servers.mjs';

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As in tests/e2e/app.test.mjs.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A persistent context on a fresh profile; close() also removes the profile.
export async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-serve-bench-profile-'));
  const removeProfile = removeAtExit(profile);
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      timeout: 60000,
    });
  } catch (e) {
    removeProfile();
    throw new Error(`could not start ${chromiumPath}: ${e.message}`);
  }
  await context.addInitScript(probes);
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => {});
      removeProfile();
    },
  };
}

// Runs in the page before its own scripts. Times are
// performance.timeOrigin + performance.now(): ms since the epoch, on the same
// scale as node's (the harness measures the small offset between the two).
function probes() {
  const now = () => performance.timeOrigin + performance.now();
  // Every incoming WebSocket message, timestamped before the page's own
  // listeners run (ours is added first, in the constructor).
  const wsLog = [];
  const Native = window.WebSocket;
  class Probed extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const size = typeof e.data === 'string' ? e.data.length : e.data.byteLength ?? e.data.size ?? 0;
        wsLog.push({ t: now(), size, head: typeof e.data === 'string' ? e.data.slice(0, 120) : `<binary ${size} B>` });
      });
    }
  }
  window.WebSocket = Probed;
  // Resource timing of every fetch (module imports included); the default
  // buffer of 250 entries would fill on the first load of 1000 modules.
  const resources = [];
  performance.setResourceTimingBufferSize(1e6);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) resources.push({ name: e.name, start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.responseEnd });
  }).observe({ type: 'resource', buffered: true });
  // DOM: the first moment element #id shows `text` exactly.
  const expected = new Map(); // key -> { id, text }
  const hits = {};
  const check = () => {
    if (!expected.size) return;
    const t = now();
    for (const [key, { id, text }] of expected) {
      if (document.getElementById(id)?.textContent === text) {
        hits[key] = t;
        expected.delete(key);
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  window.__bench = {
    now,
    expect(key, id, text) {
      expected.set(key, { id, text });
      check();
    },
    hit: (key) => hits[key],
    // Messages and fetches from `since` (page clock) on.
    since(since) {
      return { ws: wsLog.filter((m) => m.t >= since), resources: resources.filter((r) => r.start >= since) };
    },
    counts: () => ({ ws: wsLog.length, resources: resources.length }),
  };
}

// node's clock: ms since the epoch, the same scale as the page's probes.
export const nodeNow = () => performance.timeOrigin + performance.now();

// The page clock minus node's, from the round trip with the least delay
// (error at most half of it). Both derive from the monotonic clock, but each
// process fixes its epoch origin on its own, which can differ by a
// millisecond or so.
export async function clockOffset(page, rounds = 25) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < rounds; i++) {
    const t0 = nodeNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = nodeNow();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: p - (t0 + t1) / 2 };
  }
  return best;
}
