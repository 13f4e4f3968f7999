// Dev-server benchmarks of issue 6: hmrc serve, Vite and Bun's dev server on
// one generated app, in one run; writes the part of docs/benchmarks.md after
// the marker line. Entry point: tools/bench/serve-run. See tools/bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appShape, generateApp } from './app.mjs';
import { busyNow, startCpuMonitor } from './cpu.mjs';
import { firstLoad } from './firstload.mjs';
import { latencyAll, targets } from './latency.mjs';
import { bins, hmrcBin, killAll, removeAtExit, root, tools as allTools, versions } from './servers.mjs';
import { wrkBench } from './wrk.mjs';
import { wsClients, wsTools } from './wsclients.mjs';

const env = (name, fallback) => (process.env[name] !== undefined && process.env[name] !== '' ? process.env[name] : fallback);
const quick = env('BENCH_SERVE_QUICK', '0') === '1';
const cfg = {
  modules: Number(env('BENCH_SERVE_MODULES', 1000)),
  edits: Number(env('BENCH_SERVE_EDITS', quick ? 5 : 50)),
  settle: Number(env('BENCH_SERVE_SETTLE_MS', 150)), // pause after each edit showed
  editTimeout: Number(env('BENCH_SERVE_EDIT_TIMEOUT_MS', 5000)),
  loadRounds: Number(env('BENCH_SERVE_LOAD_RUNS', quick ? 1 : 5)),
  warmRuns: Number(env('BENCH_SERVE_WARM_RUNS', quick ? 1 : 3)),
  wrk: { threads: 1, connections: 10, seconds: Number(env('BENCH_SERVE_WRK_SECONDS', quick ? 1 : 10)) },
  clients: Number(env('BENCH_SERVE_CLIENTS', quick ? 50 : 500)),
  wsEdits: Number(env('BENCH_SERVE_WS_EDITS', quick ? 5 : 100)),
  wsGap: 50,
  wsTimeout: 10000,
  tools: env('BENCH_SERVE_TOOLS', allTools.join(',')).split(',').filter(Boolean),
  only: env('BENCH_SERVE_ONLY', 'latency,load,wrk,ws').split(',').filter(Boolean),
};
for (const t of cfg.tools) if (!allTools.includes(t)) throw new Error(`BENCH_SERVE_TOOLS: unknown tool ${t} (known: ${allTools.join(', ')})`);
const writeDocs = !quick && env('BENCH_SERVE_NO_DOCS', '0') !== '1';

const log = (s) => process.stderr.write(`serve-bench: ${s}\n`);
const cores = os.availableParallelism();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hmrc-serve-bench-'));
removeAtExit(work);
const template = path.join(work, 'app');

// A fresh copy of the generated app for every server start: edits, caches
// (Vite's node_modules/.vite) and watchers never carry over.
let copies = 0;
function freshApp(tool) {
  const dir = path.join(work, `${tool}-${++copies}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}
// Rotates the tools' order from round to round, so a passing disturbance
// does not always hit the same tool.
const rotated = (i) => cfg.tools.map((_, k) => cfg.tools[(k + i) % cfg.tools.length]);

async function main() {
  // A copy, as tools/bench/run does: a rebuild during the run cannot mix binaries.
  const binDir = path.join(work, 'bin');
  fs.mkdirSync(binDir);
  if (cfg.tools.includes('hmrc')) {
    if (!fs.existsSync(hmrcBin)) throw new Error(`no hmrc binary at ${hmrcBin}: build it (ninja -C build src/cli/hmrc) or set HMRC_BIN`);
    bins.hmrc = path.join(binDir, 'hmrc');
    fs.copyFileSync(hmrcBin, bins.hmrc);
    fs.chmodSync(bins.hmrc, 0o755);
  }
  const busyBefore = await busyNow(cores);
  if (busyBefore > 0.1) log(`${(busyBefore * 100).toFixed(0)}% of the CPU was busy before the start: figures will be noisy`);
  const shape = generateApp(template, cfg.modules);
  log(`app: ${shape.modules} modules (${shape.sections} sections, ${shape.groups} groups, ${shape.leaves} leaves) in ${template}`);
  const loadAvgBefore = os.loadavg();
  const cpu = startCpuMonitor();
  const results = { latency: {}, load: {}, wrk: {}, ws: {} };

  // A server that fails one benchmark is reported as failed there; the
  // others still run.
  const errors = [];
  const attempt = async (bench, tool, fn) => {
    try {
      return await fn();
    } catch (e) {
      log(`${tool}: ${bench}: FAILED: ${e.message}`);
      errors.push({ bench, tool, message: e.message.split('\n').slice(0, 6).join(' / ') });
      return null;
    }
  };
  const keep = (obj, tool, r) => r && (obj[tool] = r);

  if (cfg.only.includes('latency')) {
    const r = await latencyAll(cfg.tools, freshApp, shape, { edits: cfg.edits, settle: cfg.settle, timeout: cfg.editTimeout, log });
    results.latency = r.results;
    errors.push(...r.errors);
  }

  if (cfg.only.includes('load')) {
    const acc = Object.fromEntries(cfg.tools.map((t) => [t, { cold: [], warm: [], startMs: [], coldFigures: [], warmFigures: [] }]));
    for (let round = 0; round < cfg.loadRounds; round++)
      for (const tool of rotated(round)) {
        const r = await attempt('first load', tool, () => firstLoad(tool, freshApp(tool), shape, { warmRuns: cfg.warmRuns, log }));
        if (!r) continue;
        acc[tool].cold.push(r.cold);
        acc[tool].warm.push(...r.warm);
        acc[tool].startMs.push(r.startMs);
        acc[tool].coldFigures.push(r.coldFigures);
        acc[tool].warmFigures.push(...r.warmFigures);
      }
    for (const tool of cfg.tools) if (acc[tool].cold.length) results.load[tool] = acc[tool];
  }

  if (cfg.only.includes('wrk')) for (const tool of cfg.tools) keep(results.wrk, tool, await attempt('wrk', tool, () => wrkBench(tool, freshApp(tool), shape, { ...cfg.wrk, log })));

  if (cfg.only.includes('ws'))
    for (const tool of cfg.tools.filter((t) => wsTools.includes(t)))
      keep(results.ws, tool, await attempt('WebSocket clients', tool, () => wsClients(tool, freshApp(tool), shape, { clients: cfg.clients, edits: cfg.wsEdits, gap: cfg.wsGap, timeout: cfg.wsTimeout, log })));
  results.errors = errors;

  const load = cpu.stop();
  const md = report({ shape, results, load, busyBefore, loadAvgBefore, loadAvgAfter: os.loadavg() });
  const out = path.join(root, 'bench-out/serve');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'report.md'), md);
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ cfg, shape: { ...shape, files: undefined }, results, load }, null, 1));
  if (writeDocs) {
    writeSection(md);
    log('wrote the dev-server section of docs/benchmarks.md');
  } else log(`quick or BENCH_SERVE_NO_DOCS run: docs left alone; report in ${path.relative(root, out)}/report.md`);
  process.stdout.write(md);
  if (results.errors.length) {
    log(`${results.errors.length} benchmark run(s) failed; see the report's Failures section`);
    process.exitCode = 1;
  }
}

export const SERVE_MARKER = '<!-- dev server benchmarks -->';
function writeSection(md) {
  const doc = path.join(root, 'docs/benchmarks.md');
  const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n';
  const head = text.includes(SERVE_MARKER) ? text.slice(0, text.indexOf(SERVE_MARKER)) : text.replace(/\n*$/, '\n\n');
  fs.writeFileSync(doc, head + md);
}

// --- statistics and formatting --------------------------------------------
// Quantiles interpolate linearly between order statistics (numpy's default).
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q, lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const median = (xs) => quantile(xs, 0.5);
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fmt(a / b, 2)}×` : '–');
const names = { hmrc: 'hmrc serve', vite: 'Vite', bun: 'Bun' };

function report({ shape, results, load, busyBefore, loadAvgBefore, loadAvgAfter }) {
  const v = versions();
  const share = load.elsewhereS / (load.wallS * cores);
  const cpuModel = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? 'unknown';
  const parts = [];
  parts.push(`${SERVE_MARKER}
# Dev servers: hmrc serve, Vite and Bun

Generated by \`tools/bench/serve-run\` (this part of the file only; the compiler benchmarks above come from \`tools/bench/run\`); do not edit by hand. Reproduce with:

\`\`\`sh
tools/bench/serve-run                          # builds build/src/cli/hmrc first
HMRC_BIN=/path/to/hmrc tools/bench/serve-run   # another hmrc binary
\`\`\`
${share >= 0.25 ? `\n**This run was disturbed: ${fmt(share * 100, 0)}% of the CPU time during it went to other processes, so the times are inflated and the ratios rougher than usual. Treat the figures as provisional.**\n` : ''}
## Setup

- hmrc: \`${v.hmrc}\` (\`${path.relative(root, hmrcBin).startsWith('..') ? hmrcBin : path.relative(root, hmrcBin)}\`), Vite ${v.vite}, Bun ${v.bun} (npm \`bun\`, \`bun ./index.html --port P\`), ${v.chromium} (headless, driven by playwright-core ${v.playwright}), ${v.wrk}, node ${v.node}
- machine: ${cores} cores, ${cpuModel}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB RAM, Linux ${os.release()}
- conditions: ${fmt(busyBefore * 100, 0)}% of the CPU busy in the second before the start; load average ${loadAvgBefore.map((x) => fmt(x, 2)).join(', ')} at the start and ${loadAvgAfter.map((x) => fmt(x, 2)).join(', ')} at the end; during the ${fmt(load.wallS, 0)} s run, ${fmt(load.elsewhereS, 1)} CPU-seconds went to processes other than the harness, the servers and Chromium (out of ${fmt(load.wallS * cores, 0)}; theirs: ${fmt(load.oursS, 1)})
- the app (\`tools/bench/serve/app.mjs\`): ${shape.modules} TypeScript modules: \`index.html\` → \`src/main.ts\` (root) → ${shape.sections} sections → ${shape.groups} groups → ${shape.leaves} leaves, and one DOM helper every module imports. Each leaf draws its text into its own element and accepts itself with \`import.meta.hot.accept((next) => next?.render())\`; the root renders the tree, then its own text, and accepts itself the same way, so a root edit redraws the whole tree (${shape.leaves} elements) before its own text. The same source runs unchanged under the three servers.
- every server gets its own fresh copy of the app and a free port on 127.0.0.1; every server and browser is stopped after its benchmark`);

  if (Object.keys(results.latency).length) parts.push(latencySection(results.latency, shape));
  if (Object.keys(results.load).length) parts.push(loadSection(results.load, shape));
  if (Object.keys(results.wrk).length) parts.push(wrkSection(results.wrk));
  if (Object.keys(results.ws).length) parts.push(wsSection(results.ws));
  if (results.errors.length) parts.push(`## Failures\n\nThese runs failed, so their figures are missing above:\n\n${results.errors.map((e) => `- ${names[e.tool]}, ${e.bench}: ${e.message.replaceAll('|', '\\|')}`).join('\n')}`);
  parts.push(targetsSection(results));
  return parts.join('\n\n') + '\n';
}

function latencySection(lat, shape) {
  const rows = [], breakdown = [], failures = [];
  const stat = (tool, kind) => {
    const ok = lat[tool][kind].filter((r) => !r.failed).map((r) => r.total);
    return { ok, p50: median(ok), p95: quantile(ok, 0.95) };
  };
  const edits = Object.values(lat)[0].leaf.length;
  for (const kind of ['leaf', 'root']) {
    for (const tool of Object.keys(lat)) {
      const s = stat(tool, kind);
      const bun = lat.bun ? stat('bun', kind) : null, vite = lat.vite ? stat('vite', kind) : null;
      rows.push(`| ${kind} | ${names[tool]} | ${s.ok.length}/${lat[tool][kind].length} | **${fmt(s.p50)}** | ${fmt(s.p95)} | ${fmt(Math.min(...s.ok))} | ${fmt(Math.max(...s.ok))} | ${bun ? `${ratio(s.p50, bun.p50)} / ${ratio(s.p95, bun.p95)}` : '–'} | ${vite ? `${ratio(s.p50, vite.p50)} / ${ratio(s.p95, vite.p95)}` : '–'} |`);
      const ok = lat[tool][kind].filter((r) => !r.failed);
      const m = (f) => {
        const xs = ok.map(f).filter(Number.isFinite);
        return xs.length ? `${fmt(median(xs))}${xs.length < ok.length ? ` (${xs.length})` : ''}` : '–';
      };
      const msgs = ok.map((r) => r.messages);
      breakdown.push(`| ${kind} | ${names[tool]} | ${msgs.length ? `${fmt(median(msgs), 0)} (max ${Math.max(...msgs)})` : '–'} | ${m((r) => r.toMessage)} | ${m((r) => r.toFetch)} | ${m((r) => r.fetch)} | ${m((r) => r.fetchEndUntilDom)} | ${m((r) => r.messageUntilDom)} | ${fmt(median(ok.map((r) => r.total)))} |`);
      for (const r of lat[tool][kind].filter((r) => r.failed)) failures.push(`- ${names[tool]}, ${kind} edit v${r.version}: ${r.failed}`);
    }
  }
  const clocks = Object.values(lat).map((l) => `${names[l.tool]} ${fmt(l.clock.offset, 2)} ms (±${fmt(l.clock.rtt / 2, 2)})`).join(', ');
  return `## 1. Save-to-screen latency

From the file write (node, \`performance.timeOrigin + performance.now()\` just before the write) to the DOM showing the new text (a \`MutationObserver\` in the page, same clock), over ${edits} edits of a leaf in the middle of the tree (\`${targets(shape).leaf.file}\`) and then ${edits} of the root (\`src/main.ts\`), after one untimed edit of each. Each edit waits for its own text to appear (${cfg.editTimeout / 1000} s at most; a page reload counts as a failure), then ${cfg.settle} ms before the next write so edits never merge. All servers and pages are up for the whole benchmark, each page in its own Chromium, and the edits take turns between the tools (the order rotating each round), so a passing disturbance hits every tool alike. ms; "vs" columns divide this row's p50 / p95 by that tool's.

| Edit | Server | Shown | p50 | p95 | min | max | vs Bun (p50 / p95) | vs Vite (p50 / p95) |
|---|---|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

${failures.length ? `Failed edits:\n${failures.join('\n')}` : 'Every edit showed its text (no timeouts, no reloads).'}

### Where the time goes

Medians of each step, measured the same way for every server by probes the harness injects before the page's own scripts (\`page.addInitScript\`): a wrapper of \`window.WebSocket\` timestamps each incoming message (the step uses the last one before the text showed, the one that brought the update), a \`PerformanceObserver\` gives the resource timing of the module fetch (the request of the edited module's URL, \`?t=…\` included, after the message). Steps add up to the total only roughly (medians of each step). A number in parentheses is how many edits had that step at all.

| Edit | Server | WS messages per edit | write → WS message | message → fetch start | fetch (start → responseEnd) | fetch end → DOM | message → DOM (no fetch) | total |
|---|---|--:|--:|--:|--:|--:|--:|--:|
${breakdown.join('\n')}

- hmrc and Vite push a small notice and the page then imports the new module over HTTP; Bun pushes the new code itself inside the WebSocket message (binary), so it has no fetch, and its "message → DOM" is evaluation and rendering.
- "write → WS message" includes the watcher (hmrc waits for a short quiet period, see docs/server.md), the compile and the push.
${hmrcLog(lat.hmrc)}- Node's and the page's clocks are matched by the round trip of least delay before the edits; the offsets were ${clocks} (page minus node, ± half that round trip), and every page time is corrected by it.`;
}

// hmrc's own figure for the server's part, from its log.
function hmrcLog(l) {
  const log = l?.serverLog;
  if (!log) return '';
  const part = (kind) => (log[kind].length ? `${fmt(median(log[kind]))} ms over ${log[kind].length} ${kind} updates` : null);
  return `- hmrc's log times each update from the first file-system event to the message queued on every socket (watcher quiet period and compile included): median ${[part('leaf'), part('root')].filter(Boolean).join(', ')} (warm-up edits included).\n`;
}

function loadSection(load, shape) {
  const rows = Object.entries(load).map(([tool, r]) => {
    const bun = load.bun, vite = load.vite;
    const req = (xs) => fmt(median(xs.map((f) => f.requests)), 0);
    const kib = (xs) => fmt(median(xs.map((f) => f.transferred)) / 1024, 0);
    return `| ${names[tool]} | **${fmt(median(r.cold), 0)}** | ${r.cold.map((x) => fmt(x, 0)).join(', ')} | **${fmt(median(r.warm), 0)}** | ${fmt(Math.min(...r.warm), 0)}–${fmt(Math.max(...r.warm), 0)} | ${bun ? `${ratio(median(r.cold), median(bun.cold))} / ${ratio(median(r.warm), median(bun.warm))}` : '–'} | ${vite ? `${ratio(median(r.cold), median(vite.cold))} / ${ratio(median(r.warm), median(vite.warm))}` : '–'} | ${req(r.coldFigures)} / ${req(r.warmFigures)} | ${kib(r.coldFigures)} / ${kib(r.warmFigures)} | ${fmt(median(r.startMs), 0)} |`;
  });
  const rounds = cfg.loadRounds;
  return `## 2. First page load

Time from navigation start to the app fully rendered: \`window.__ready\`, which \`src/main.ts\` sets (\`performance.now()\`) after drawing all ${shape.leaves} leaves; the harness also checks that all ${shape.leaves} leaf elements are there. **Cold**: the server was just started (the page is opened as soon as its port accepts connections, so start-up work still running counts) and Chromium has a fresh profile. **Warm**: the same server and browser profile, the page loaded before; navigate to it again (the browser revalidates or reuses what it cached). ${rounds} cold load(s) per server, each on a new server and profile, the servers taking turns; ${cfg.warmRuns} warm load(s) after each cold one. ms.

| Server | Cold, median | Cold runs | Warm, median | Warm range | vs Bun (cold / warm) | vs Vite (cold / warm) | Requests (cold / warm) | KiB transferred (cold / warm) | Server start to port open |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

hmrc and Vite serve native ES modules, one request per module (${shape.modules} module requests, plus the runtime), and compile each on its first request; Bun bundles the app into one script on the first request, so the browser makes a handful of requests. Requests are the page's navigation and resource timing entries; KiB transferred sums their \`transferSize\` (0 for a response from the browser's cache, headers only for a 304), medians.`;
}

function wrkSection(wrk) {
  const rows = [];
  for (const what of ['module', 'page'])
    for (const [tool, r] of Object.entries(wrk)) {
      const x = r[what];
      const bad = [x.non2xx ? `${x.non2xx} non-2xx` : '', x.errors ? `socket errors: ${x.errors}` : ''].filter(Boolean).join('; ');
      rows.push(`| ${names[tool]} | \`${r.urls[what]}\` | ${fmt(r.sizes[what] / 1024, 1)} | **${fmt(x.rps, 0)}** | ${fmt(x.p50, 2)} | **${fmt(x.p99, 2)}** | ${wrk.bun ? ratio(x.rps, wrk.bun[what].rps) : '–'} | ${wrk.vite ? ratio(x.rps, wrk.vite[what].rps) : '–'} | ${bad || 'none'} |`);
    }
  return `## 3. wrk on loopback

\`wrk -t${cfg.wrk.threads} -c${cfg.wrk.connections} -d${cfg.wrk.seconds}s --latency URL\` against each server, one server at a time, each URL fetched once first so it is compiled and cached. hmrc and Vite serve the compiled leaf module; Bun serves no single modules (it bundles), so its row is the bundle script its HTML loads, which holds the whole app: the sizes differ by that much. The page's HTML (\`/\`, with each server's client script injected) is the same work for all three. "vs" columns divide requests/s by that tool's.

| Server | URL | KiB | Requests/s | p50 ms | p99 ms | vs Bun | vs Vite | Errors |
|---|---|--:|--:|--:|--:|--:|--:|---|
${rows.join('\n')}

wrk and the server share the machine's ${cores} cores.`;
}

function wsSection(ws) {
  const rows = Object.entries(ws).map(([tool, r]) => {
    const mib = (k) => fmt(k / 1024, 1);
    return `| ${names[tool]} | ${r.clients} | ${r.edits} | ${r.allReceivedAll ? 'yes' : `**no**: ${r.minUpdates}..${r.maxUpdates} per client${r.missed.length ? `, ${r.missed.length} edit(s) not received by all within ${cfg.wsTimeout / 1000} s` : ''}`} | ${r.totalUpdates} | ${fmt(median(r.fanout))} / ${fmt(quantile(r.fanout, 0.95))} | ${mib(r.rss.idle)} | ${mib(r.rss.start)} | ${mib(r.rss.end)} | ${mib(r.rss.max)} | ${fmt(r.rss.end - r.rss.start, 0)} |`;
  });
  const missing = cfg.tools.filter((t) => !ws[t]);
  return `## 4. ${Object.values(ws)[0]?.clients ?? cfg.clients} WebSocket clients while a file is edited

Clients are npm \`ws\` sockets on the server's own HMR socket, not browsers: hmrc: \`/@hmrc/ws\`; Vite: \`/\` with subprotocol \`vite-hmr\` (no \`Origin\`, so no page token is needed); Bun: \`/_bun/hmr\`, subscribed with the three frames its page client sends (topics, route, bundle hash), counting its binary \`u\` frames that carry the module. The leaf module is fetched once first, as a page would. Then it is edited ${Object.values(ws)[0]?.edits ?? cfg.wsEdits} times: each write waits until every client has received the update naming that module (${cfg.wsTimeout / 1000} s at most), then ${cfg.wsGap} ms. "Fan-out" is the time from the write to the last client's receipt, median / p95, ms. The server's VmRSS (\`/proc/PID/status\`) is sampled every 100 ms: idle (before the clients connect), start (clients connected, before the first edit), end, max; MiB.

| Server | Clients | Edits | Every client got every update | Updates received | Fan-out p50 / p95 | RSS idle | RSS start | RSS end | RSS max | End − start, KiB |
|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}
${missing.length ? `\nNot run for: ${missing.map((t) => names[t]).join(', ')}.` : ''}`;
}

function targetsSection(results) {
  const lines = [];
  const lat = results.latency;
  if (lat.hmrc && lat.bun) {
    for (const kind of ['leaf', 'root']) {
      const ok = (tool) => lat[tool][kind].filter((r) => !r.failed).map((r) => r.total);
      const h = ok('hmrc'), b = ok('bun');
      const failed = lat.hmrc[kind].length - h.length;
      for (const [label, q] of [['p50', 0.5], ['p95', 0.95]]) {
        const hv = quantile(h, q), bv = quantile(b, q);
        lines.push(`- Save-to-screen ${label}, ${kind} edits, at most Bun's: **${hv <= bv && !failed ? 'holds' : 'does not hold'}** (hmrc ${fmt(hv)} ms, Bun ${fmt(bv)} ms${failed ? `; ${failed} hmrc edit(s) failed` : ''}).`);
      }
    }
  }
  const load = results.load;
  if (load.hmrc && load.bun)
    for (const kind of ['cold', 'warm']) {
      const hv = median(load.hmrc[kind]), bv = median(load.bun[kind]);
      lines.push(`- First load, ${kind}, at most Bun's: **${hv <= bv ? 'holds' : 'does not hold'}** (hmrc ${fmt(hv, 0)} ms, Bun ${fmt(bv, 0)} ms, medians).`);
    }
  const ws = results.ws.hmrc;
  if (ws) lines.push(`- ${ws.clients} WebSocket clients, every client receives every update: **${ws.allReceivedAll ? 'holds' : 'does not hold'}**; hmrc's RSS from ${fmt(ws.rss.start / 1024, 1)} to ${fmt(ws.rss.end / 1024, 1)} MiB over ${ws.edits} edits (max ${fmt(ws.rss.max / 1024, 1)}).`);
  return `## Targets of issue 6

${lines.join('\n') || 'Not checked: this run left out hmrc or Bun.'}

Where a target does not hold, \`docs/server.md\` ("The gap to Bun, and the plan") says why and what comes next.`;
}

try {
  await main();
} catch (e) {
  log(`FAILED: ${e.stack ?? e.message}`);
  process.exitCode = 1;
} finally {
  killAll();
  fs.rmSync(work, { recursive: true, force: true });
}
