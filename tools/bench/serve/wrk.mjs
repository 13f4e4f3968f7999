// Benchmark 3: wrk on loopback against one compiled module and the page's
// HTML, the same threads/connections/duration for every server. hmrc and
// Vite serve the leaf module itself; Bun bundles, so its nearest equivalent
// is the bundle script its HTML loads (the whole app in one response).
import { execFile } from 'node:child_process';
import { targets } from './latency.mjs';
import { httpGet, startServer, waitIdle } from './servers.mjs';

const WRK = '/usr/bin/wrk';

function run(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(WRK, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`wrk ${args.join(' ')}: ${err.killed ? 'timed out' : err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const toMs = (v, unit) => Number(v) * { us: 1e-3, ms: 1, s: 1000, m: 60000 }[unit];

export function parseWrk(out) {
  const num = (re) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : NaN;
  };
  const pct = (p) => {
    const m = new RegExp(`^\\s*${p}%\\s+([0-9.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? null;
  return { rps: num(/Requests\/sec:\s+([0-9.]+)/), p50: pct(50), p99: pct(99), requests: num(/(\d+) requests in/), non2xx: num(/Non-2xx or 3xx responses: (\d+)/) || 0, errors };
}

// The URLs to hammer, each fetched once first so that it is compiled and
// cached (and checked to answer 200 with JavaScript).
async function urlsFor(tool, server, shape) {
  const page = server.url + '/';
  let module = server.url + targets(shape).leaf.url;
  if (tool === 'bun') {
    const html = (await httpGet(page)).body.toString();
    const src = /<script[^>]*src="([^"]+)"[^>]*data-bun-dev-server-script/.exec(html)?.[1];
    if (!src) throw new Error(`bun: no bundle script in its HTML:\n${html.slice(0, 500)}`);
    module = new URL(src, page).href;
  }
  const sizes = {};
  for (const [what, url] of Object.entries({ module, page })) {
    const res = await httpGet(url);
    if (res.status !== 200) throw new Error(`${tool}: GET ${url}: ${res.status}`);
    if (what === 'module' && !/javascript/.test(res.headers.get('content-type') ?? '')) throw new Error(`${tool}: GET ${url}: content-type ${res.headers.get('content-type')}`);
    sizes[what] = res.body.length;
  }
  return { module, page, sizes };
}

export async function wrkBench(tool, appDir, shape, { threads, connections, seconds, log }) {
  const server = await startServer(tool, appDir);
  try {
    const { module, page, sizes } = await urlsFor(tool, server, shape);
    await waitIdle(server, { log });
    const out = { tool, sizes, urls: { module: new URL(module).pathname, page: '/' } };
    // The Accept header a browser sends for each (wrk sends none otherwise).
    for (const [what, url, accept] of [['module', module, '*/*'], ['page', page, 'text/html']]) {
      const text = await run([`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '-H', `Accept: ${accept}`, url], (seconds + 30) * 1000);
      out[what] = parseWrk(text);
      if (!Number.isFinite(out[what].rps)) throw new Error(`${tool}: could not read wrk's output:\n${text}`);
      log(`${tool}: wrk ${new URL(url).pathname}: ${out[what].rps.toFixed(0)} requests/s, p99 ${out[what].p99.toFixed(2)} ms${out[what].non2xx ? `, ${out[what].non2xx} non-2xx` : ''}`);
    }
    return out;
  } finally {
    await server.stop();
  }
}
