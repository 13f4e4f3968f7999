// Starts and stops the three dev servers on the same app. Every process the
// harness starts is recorded here and killed (its whole process group) at the
// end, on failure, and on Ctrl-C, so no server or browser outlives a run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../../..');
const nm = path.join(root, 'node_modules');
export const hmrcBin = path.resolve(process.env.HMRC_BIN ?? path.join(root, 'build/src/cli/hmrc'));
export const viteBin = path.join(nm, 'vite/bin/vite.js');
export const bunBin = path.join(nm, 'bun/bin/bun.exe');

export const tools = ['hmrc', 'vite', 'bun'];
// The binary the hmrc server runs from (run.mjs points it at a copy).
export const bins = { hmrc: hmrcBin };

const live = new Set(); // child processes still running, each leading its own group

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}
// Temporary folders (app copies, browser profiles) removed at exit, also
// after a signal, which skips the callers' finally blocks.
const temps = new Set();
export function removeAtExit(dir) {
  temps.add(dir);
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    temps.delete(dir);
  };
}
export function killAll() {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  temps.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    process.stderr.write(`\nserve-bench: ${sig}: stopping servers and browsers\n`);
    killAll();
    process.exit(130);
  });
}

// Spawns cmd in its own process group, collecting its output for error
// messages and for tests that wait on a log line.
export function spawnTracked(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...opts });
  child.output = '';
  const take = (d) => {
    child.output += d;
    if (child.output.length > 200_000) child.output = child.output.slice(-100_000);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  child.on('error', (e) => take(`\nspawn error: ${e.message}\n`));
  live.add(child);
  child.exited.then(() => live.delete(child));
  return child;
}

// SIGTERM the group, SIGKILL it if it has not gone after `grace` ms.
export async function stopTracked(child, grace = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), grace);
  await child.exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // stray grandchildren of the group
  live.delete(child);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

// Resolves once the port accepts connections; rejects with the server's
// output if it exits first or `timeout` ms pass.
async function waitListening(name, child, port, timeout = 30000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before listening on ${port}:\n${child.output}`);
    if (await canConnect(port)) return;
    await sleep(10);
  }
  throw new Error(`${name} did not listen on 127.0.0.1:${port} within ${timeout / 1000} s:\n${child.output}`);
}

const commands = {
  hmrc: (dir, port) => [bins.hmrc, ['serve', dir, '--port', String(port), '--strict-port', '--color', 'never'], {}],
  // `node vite.js` rather than the .bin shim, so the pid is the server's own.
  vite: (dir, port) => [process.execPath, [viteBin, dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--clearScreen', 'false'], { cwd: dir }],
  bun: (dir, port) => [bunBin, ['./index.html', '--port', String(port)], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }],
};

// Starts `tool` on dir; resolves when its port accepts connections.
export async function startServer(tool, dir) {
  const port = await freePort();
  const [cmd, args, opts] = commands[tool](dir, port);
  if (!fs.existsSync(cmd)) throw new Error(`${tool}: ${cmd} not found${tool === 'hmrc' ? ' (build it, or set HMRC_BIN)' : ' (run tools/setup)'}`);
  const child = spawnTracked(cmd, args, opts);
  const started = performance.now();
  await waitListening(tool, child, port);
  return { tool, dir, port, url: `http://127.0.0.1:${port}`, child, pid: child.pid, startMs: performance.now() - started, stop: () => stopTracked(child) };
}

export function versions() {
  const run = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const pkg = (name) => JSON.parse(fs.readFileSync(path.join(nm, name, 'package.json'), 'utf8')).version;
  return {
    hmrc: run(bins.hmrc, ['--version']),
    vite: pkg('vite'),
    bun: run(bunBin, ['--version']),
    chromium: run('/usr/bin/chromium', ['--version']).replace(/\s*built on.*$/, ''),
    playwright: pkg('playwright-core'),
    // wrk -v prints its version and exits 1.
    wrk: (/wrk [^\s]+/.exec(spawnSync('/usr/bin/wrk', ['-v'], { encoding: 'utf8' }).stdout ?? '') ?? ['wrk'])[0],
    node: process.version,
  };
}

// VmRSS of a process in KiB, or NaN once it has gone.
export function rssKiB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

// CPU ticks (utime + stime, all threads) of one process, NaN once gone.
function cpuTicks(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return NaN;
  }
}

// Waits until the server has used under 5% of a core for 500 ms (start-up
// work such as Vite's dependency scan, or a compile-ahead, has finished), so
// that a benchmark of the steady state does not measure it. Gives up after
// `timeout` ms and says so: the benchmark still runs.
export async function waitIdle(server, { timeout = 20000, log } = {}) {
  const end = performance.now() + timeout;
  let last = cpuTicks(server.pid);
  while (performance.now() < end) {
    await sleep(500);
    const now = cpuTicks(server.pid);
    if (!Number.isFinite(now)) throw new Error(`${server.tool} exited:\n${server.child.output}`);
    if (now - last <= 2) return true; // 2 ticks of 10 ms in 500 ms
    last = now;
  }
  log?.(`${server.tool}: still busy after ${timeout / 1000} s; measuring anyway`);
  return false;
}

// GET with node's fetch, body read whole; retried twice after a network
// error (a server still starting up may drop a connection), whose cause is
// then named. Returns { status, headers, body: Buffer }.
export async function httpGet(url, { tries = 3 } = {}) {
  let last;
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30000) });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    } catch (e) {
      last = e;
      await sleep(500);
    }
  }
  throw new Error(`GET ${url}: ${last.message}${last.cause ? ` (${last.cause.code ?? ''} ${last.cause.message ?? last.cause})` : ''}`);
}
