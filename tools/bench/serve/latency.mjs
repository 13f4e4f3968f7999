// Benchmark 1: save-to-screen latency. One server and one page per tool; each
// edit rewrites a file with a new text, and the page's MutationObserver
// records when that text shows in the element (see browser.mjs). Every edit
// must show its own text: one that times out or reloads the page is reported
// as failed, never dropped.
import path from 'node:path';
import { clockOffset, launch, nodeNow } from './browser.mjs';
import { leafFile, leafId, leafSource, leafText, ROOT_FILE, ROOT_ID, rootSource, rootText, saveEdit } from './app.mjs';
import { startServer, waitIdle } from './servers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function openApp(context, url, timeout = 60000) {
  const page = await context.newPage();
  page.loads = 0;
  page.on('load', () => page.loads++);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  await gotoReady(page, url, timeout);
  return page;
}

// Navigates and waits for main.ts to have rendered the whole tree; returns
// window.__ready (ms from navigation start to the tree rendered).
export async function gotoReady(page, url, timeout = 60000) {
  await page.goto(url, { waitUntil: 'commit', timeout });
  try {
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout, polling: 5 });
  } catch (e) {
    throw new Error(`${url}: the app did not render within ${timeout / 1000} s (page errors: ${page.errors?.slice(-3).join(' | ') || 'none'})`);
  }
  return page.evaluate(loadFigures);
}

// What the page shows and what loading it cost: resource entries (the probes
// keep them all) and bytes over the wire (transferSize: 0 when served from
// the browser's cache, headers only for a 304).
export function loadFigures() {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return {
    ready: window.__ready,
    leaves: window.__leaves,
    elements: document.querySelectorAll('[id^="l"]').length,
    requests: entries.length,
    transferred: entries.reduce((a, e) => a + e.transferSize, 0),
  };
}

// The edit targets: a leaf in the middle of the tree, and the root.
export function targets(shape) {
  const n = Math.floor(shape.leaves / 2);
  return {
    leaf: { file: leafFile(n), url: '/' + leafFile(n), id: leafId(n), text: (v) => leafText(n, v), source: (v) => leafSource(n, v) },
    root: { file: ROOT_FILE, url: '/' + ROOT_FILE, id: ROOT_ID, text: rootText, source: rootSource },
  };
}

// One edit: write, wait for the text, then read what the probes saw.
async function edit(page, dir, target, version, { offset, timeout, settle }) {
  const key = `${target.id}@${version}`;
  const text = target.text(version);
  await page.evaluate(([k, id, t]) => window.__bench.expect(k, id, t), [key, target.id, text]);
  const loads = page.loads;
  const source = target.source(version);
  const t0 = nodeNow();
  saveEdit(path.join(dir, target.file), source);
  const t0page = t0 + offset;
  let failed = null;
  try {
    await page.waitForFunction((k) => window.__bench?.hit(k) !== undefined, key, { timeout, polling: 5 });
  } catch {
    failed = page.loads !== loads ? 'the page reloaded instead of updating' : `the text did not show within ${timeout} ms`;
  }
  if (!failed && page.loads !== loads) failed = 'the page reloaded instead of updating';
  await sleep(settle); // lets resource timing entries arrive, and keeps edits apart
  if (failed) {
    const seen = await page.evaluate((since) => window.__bench?.since(since), t0page).catch(() => null);
    return { version, failed: `${failed} (WebSocket messages after the write: ${seen?.ws.length ?? 'page gone'})` };
  }
  const { hit, seen } = await page.evaluate(([k, since]) => ({ hit: window.__bench.hit(k), seen: window.__bench.since(since) }), [key, t0page]);
  const r = { version, total: hit - t0page };
  // The update is the last message before the text showed (Bun may send
  // more than one per save); the count says how many came.
  const before = seen.ws.filter((m) => m.t <= hit);
  r.messages = before.length;
  const msg = before.at(-1);
  if (msg) {
    r.toMessage = msg.t - t0page;
    const fetch = seen.resources.find((f) => f.start >= msg.t && f.end <= hit && new URL(f.name).pathname === target.url);
    if (fetch) {
      r.toFetch = fetch.start - msg.t;
      r.fetch = fetch.end - fetch.start;
      r.fetchEndUntilDom = hit - fetch.end;
    } else r.messageUntilDom = hit - msg.t;
  }
  return r;
}

// Runs `edits` timed edits of the leaf and then of the root (after one
// untimed edit of each) on every tool at once: all servers and pages are up
// for the whole benchmark, and the edits take turns (hmrc, Vite, Bun, then
// Vite, Bun, hmrc, ...), so a passing disturbance of this shared machine
// hits every tool alike rather than one tool's whole series. Each tool has
// its own app copy (`appFor(tool)`), server and browser (a browser of its
// own, so no renderer process or main thread is shared). A tool that fails
// to start, or whose page breaks, is reported in `errors` and dropped; the
// others go on.
export async function latencyAll(tools, appFor, shape, { edits, settle, timeout, log }) {
  const setups = new Map(), errors = [];
  const fail = (tool, e) => {
    log(`${tool}: save-to-screen: FAILED: ${e.message}`);
    errors.push({ bench: 'save-to-screen', tool, message: e.message.split('\n').slice(0, 6).join(' / ') });
    setups.delete(tool);
  };
  try {
    for (const tool of tools) {
      const s = { tool, dir: appFor(tool) };
      setups.set(tool, s);
      try {
        s.server = await startServer(tool, s.dir);
        s.browser = await launch();
        s.page = await openApp(s.browser.context, s.server.url + '/');
      } catch (e) {
        fail(tool, e);
        await s.browser?.close();
        await s.server?.stop();
      }
    }
    for (const s of setups.values()) {
      await waitIdle(s.server, { log });
      s.clock = await clockOffset(s.page);
      s.out = { tool: s.tool, clock: s.clock, leaf: [], root: [] };
      s.logFrom = s.server.child.output.length;
    }
    const t = targets(shape);
    let version = 0;
    for (const kind of ['leaf', 'root']) {
      for (let i = 0; i <= edits; i++) {
        const order = [...setups.values()];
        for (let k = 0; k < order.length; k++) {
          const s = order[(k + i) % order.length];
          if (!setups.has(s.tool)) continue;
          try {
            const r = await edit(s.page, s.dir, t[kind], ++version, { offset: s.clock.offset, timeout, settle });
            if (r.failed) {
              log(`${s.tool}: ${kind} edit ${i}: FAILED: ${r.failed}`);
              // Start over from a freshly loaded page so one failure does
              // not fail every later edit.
              await gotoReady(s.page, s.server.url + '/');
            }
            if (i > 0) s.out[kind].push(r); // edit 0 is the warm-up
          } catch (e) {
            fail(s.tool, e);
          }
        }
      }
      for (const s of setups.values()) {
        const ok = s.out[kind].filter((r) => !r.failed).map((r) => r.total).sort((a, b) => a - b);
        log(`${s.tool}: ${kind}: ${ok.length}/${edits} edits shown, median ${ok[Math.floor(ok.length / 2)]?.toFixed(1)} ms`);
      }
    }
    const results = {};
    for (const s of setups.values()) {
      s.out.pageErrors = s.page.errors.slice(0, 5);
      if (s.tool === 'hmrc') s.out.serverLog = hmrcLogTimes(s.server.child.output.slice(s.logFrom), t);
      results[s.tool] = s.out;
    }
    return { results, errors };
  } finally {
    for (const s of setups.values()) {
      await s.browser?.close();
      await s.server?.stop();
    }
  }
}

// hmrc logs each update with its own time, from the first file-system event
// of the batch to the message queued on every socket (docs/server.md):
// `hmr update src/x.ts (2.1 ms)`. Returns those times per edit kind (the
// warm-up edits included), or null when the log says nothing of the kind.
function hmrcLogTimes(text, t) {
  const out = { leaf: [], root: [] };
  for (const m of text.matchAll(/^hmr update (\S+).*\(([0-9.]+) ms\)\s*$/gm)) {
    const kind = m[1] === t.leaf.file ? 'leaf' : m[1] === t.root.file ? 'root' : null;
    if (kind) out[kind].push(Number(m[2]));
  }
  return out.leaf.length || out.root.length ? out : null;
}
