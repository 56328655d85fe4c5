// Process statistics from /proc: CPU time (user + system) and resident memory (current and peak).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** CPU milliseconds used so far by a process, or null when it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/** { rssMb, peakMb } (VmRSS, VmHWM) of a process. */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: null, peakMb: null };
  }
}

/**
 * CPU of a changing set of processes (the PostgreSQL backends serving one server) over a window:
 * polls the set, remembers each pid's first and last reading.
 */
export function cpuWatch(listPids, intervalMs = 250) {
  const first = new Map();
  const last = new Map();
  let stopped = false;
  const sample = async () => {
    for (const pid of await listPids()) {
      const ms = cpuMs(pid);
      if (ms === null) continue;
      if (!first.has(pid)) first.set(pid, ms);
      last.set(pid, ms);
    }
  };
  const ready = sample();
  const timer = setInterval(() => {
    if (!stopped) sample().catch(() => {});
  }, intervalMs);
  return {
    ready,
    async stop() {
      await sample();
      stopped = true;
      clearInterval(timer);
      let total = 0;
      for (const [pid, ms] of last) total += ms - (first.get(pid) ?? ms);
      return total;
    },
  };
}
