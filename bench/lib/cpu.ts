// CPU time per process from /proc, so a throughput round can say where a request's CPU went (server,
// PostgreSQL, the load generator). On a 2-core machine that split, not the server alone, sets the ceiling.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU ms used so far by `pid` (all its threads); 0 when it is gone. */
export function processCpuMs(pid: number): number {
  return readStat(pid)?.cpuMs ?? 0;
}

/** CPU ms used so far by `pid` and each of its direct children (a postmaster and its backends), by pid. */
export function processTreeCpu(pid: number): Map<number, number> {
  const byPid = new Map([[pid, processCpuMs(pid)]]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === pid) byPid.set(Number(entry), stat.cpuMs);
  }
  return byPid;
}

/**
 * CPU ms a process tree used between two snapshots. Backends that exited in between (a pool closing idle
 * connections) drop out rather than counting negative; what they used in the interval is lost.
 */
export function treeCpuDeltaMs(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpuMs] of after) total += cpuMs - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms of this process (the load generator runs here). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
