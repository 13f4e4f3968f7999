// How busy the machine was with other work during the run: CPU time of all
// processes (/proc/stat) minus the CPU time of this harness and everything it
// started. Servers and Chromium start their own children (Chromium's
// renderers are not always reaped by us), so the harness's share is not read
// from cutime: a sampler walks /proc every 250 ms and sums the CPU of every
// process descended from this one. A process that exits between two samples
// loses at most its last 250 ms, which then counts as "elsewhere".
import fs from 'node:fs';

const TICK = 100; // USER_HZ

function machineBusy() {
  const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]; // all but idle and iowait
}

function readStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22.
    return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]), start: f[19] };
  } catch {
    return null;
  }
}

export function startCpuMonitor(intervalMs = 250) {
  const seen = new Map(); // "pid/starttime" -> last CPU ticks of our descendants
  const busy0 = machineBusy();
  const self0 = readStat(process.pid).cpu;
  const t0 = performance.now();
  const sample = () => {
    const procs = new Map();
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const s = readStat(name);
      if (s) procs.set(Number(name), s);
    }
    const ours = new Set([process.pid]);
    // Parents can have higher pids than their children after pid wrap-around:
    // repeat until no process is added.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, s] of procs) if (!ours.has(pid) && ours.has(s.ppid)) ours.add(pid), (grew = true);
    }
    ours.delete(process.pid);
    for (const pid of ours) {
      const s = procs.get(pid);
      seen.set(`${pid}/${s.start}`, s.cpu);
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      sample();
      clearInterval(timer);
      const wallS = (performance.now() - t0) / 1000;
      const busyS = (machineBusy() - busy0) / TICK;
      const oursS = (readStat(process.pid).cpu - self0 + [...seen.values()].reduce((a, b) => a + b, 0)) / TICK;
      return { wallS, busyS, oursS, elsewhereS: Math.max(0, busyS - oursS) };
    },
  };
}

// Share of all cores busy during one second, before anything starts.
export async function busyNow(cores) {
  const a = machineBusy();
  await new Promise((r) => setTimeout(r, 1000));
  return Math.min(1, (machineBusy() - a) / TICK / cores);
}
