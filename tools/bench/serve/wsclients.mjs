// Benchmark 4: many WebSocket clients on one server while a file is edited:
// every client must receive every update, and the server's memory (VmRSS)
// must stay flat. Clients are npm `ws` sockets speaking each server's own
// protocol, not browsers: this measures the server's fan-out, not a page.
import path from 'node:path';
import WebSocket from 'ws';
import { saveEdit } from './app.mjs';
import { targets } from './latency.mjs';
import { httpGet, rssKiB, startServer, waitIdle } from './servers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// How to connect to each server's HMR socket and recognise an update of
// module `url` (as the page requests it, /src/...).
const json = (data) => {
  try {
    return JSON.parse(data.toString());
  } catch {
    return null;
  }
};
const protocols = {
  hmrc: {
    connect: (port) => new WebSocket(`ws://127.0.0.1:${port}/@hmrc/ws`),
    isUpdate: (data, url) => {
      const m = json(data);
      return m?.type === 'update' && m.modules.includes(url);
    },
  },
  // No Origin header: Vite then accepts the socket without its page token.
  vite: {
    connect: (port) => new WebSocket(`ws://127.0.0.1:${port}/`, 'vite-hmr'),
    isUpdate: (data, url) => {
      const m = json(data);
      return m?.type === 'update' && m.updates.some((u) => u.path === url);
    },
  },
  // Bun's page client (observed in Chromium) subscribes with three text
  // frames once open: topics ("she"), its route ("n/") and the bundle it runs
  // ("i" + the hash in the bundle's name). Updates are binary frames starting
  // with "u" that carry the changed modules' code under their paths.
  bun: {
    async prepare(server) {
      const html = (await httpGet(server.url + '/')).body.toString();
      const src = /<script[^>]*src="([^"]+)"[^>]*data-bun-dev-server-script/.exec(html)?.[1];
      if (!src) throw new Error(`bun: no bundle script in its HTML`);
      await httpGet(new URL(src, server.url).href);
      return { hash: src.slice(-11, -3) };
    },
    connect: (port, { hash }) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/_bun/hmr`);
      ws.on('open', () => {
        ws.send('she');
        ws.send('n/');
        ws.send('i' + hash);
      });
      return ws;
    },
    isUpdate: (data, url) => data[0] === 0x75 /* u */ && data.includes(`"${url.slice(1)}"`),
  },
};
export const wsTools = Object.keys(protocols);

function connectAll(tool, port, n, onUpdate, url, prepared) {
  const proto = protocols[tool];
  const clients = [];
  const opened = [];
  for (let i = 0; i < n; i++) {
    const ws = proto.connect(port, prepared);
    const c = { ws, updates: 0, other: 0 };
    ws.on('message', (data) => {
      if (proto.isUpdate(data, url)) {
        c.updates++;
        onUpdate(c);
      } else c.other++;
    });
    opened.push(
      new Promise((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
        ws.on('unexpected-response', (_q, res) => reject(new Error(`${tool}: WebSocket upgrade answered ${res.statusCode}`)));
      }),
    );
    clients.push(c);
  }
  return { clients, opened: Promise.all(opened) };
}

export async function wsClients(tool, appDir, shape, { clients: n, edits, gap, timeout, log }) {
  const server = await startServer(tool, appDir);
  const target = targets(shape).leaf;
  const samples = [];
  let sampler;
  let conns = [];
  try {
    await waitIdle(server, { log });
    // As a page would, fetch the module first, so the server knows it is in use.
    const res = await httpGet(server.url + target.url);
    if (res.status !== 200) throw new Error(`${tool}: GET ${target.url}: ${res.status}`);
    const prepared = await protocols[tool].prepare?.(server);
    await waitIdle(server, { log });
    const rssIdle = rssKiB(server.pid);
    let pending = 0, wake = null;
    const { clients, opened } = connectAll(tool, server.port, n, () => {
      if (--pending === 0 && wake) wake();
    }, target.url, prepared);
    conns = clients;
    await Promise.race([opened, sleep(timeout * 3).then(() => Promise.reject(new Error(`${tool}: ${n} WebSocket clients did not all connect within ${(timeout * 3) / 1000} s`)))]);
    await sleep(200); // hello / connected messages
    const sample = () => samples.push({ t: performance.now(), kib: rssKiB(server.pid) });
    sample();
    sampler = setInterval(sample, 100);
    const fanout = [];
    const missed = [];
    for (let i = 1; i <= edits; i++) {
      pending = n;
      const done = new Promise((resolve) => (wake = resolve));
      const t0 = performance.now();
      saveEdit(path.join(appDir, target.file), target.source(i));
      const ok = await Promise.race([done.then(() => true), sleep(timeout).then(() => false)]);
      wake = null;
      if (ok) fanout.push(performance.now() - t0);
      else missed.push({ edit: i, clientsWithout: pending });
      await sleep(gap);
    }
    await sleep(300); // late duplicates would show in the counts
    clearInterval(sampler);
    sample();
    const counts = clients.map((c) => c.updates);
    const kib = samples.map((s) => s.kib).filter(Number.isFinite);
    const r = {
      tool,
      clients: n,
      edits,
      allReceivedAll: counts.every((c) => c === edits),
      minUpdates: Math.min(...counts),
      maxUpdates: Math.max(...counts),
      totalUpdates: counts.reduce((a, b) => a + b, 0),
      missed,
      fanout,
      rss: { idle: rssIdle, start: kib[0], end: kib.at(-1), max: Math.max(...kib), samples: kib.length },
    };
    log(`${tool}: ${n} clients, ${edits} edits: updates per client ${r.minUpdates}..${r.maxUpdates}; RSS ${r.rss.start} -> ${r.rss.end} KiB (max ${r.rss.max})`);
    return r;
  } finally {
    clearInterval(sampler);
    for (const c of conns) c.ws.terminate();
    await server.stop();
  }
}
