/**
 * Memory and CPU of a server process (and its descendants, so a clustered server counts
 * its workers) read from Linux /proc: VmRSS from /proc/<pid>/status, utime+stime from
 * /proc/<pid>/stat. Returns undefined where /proc is missing (not Linux).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { descendantPids } from './processes.ts';

let clockTicks: number | undefined;

/** Kernel clock ticks per second (USER_HZ), the unit of utime/stime; 100 on almost every Linux. */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Resident set size of one process in bytes, from the `VmRSS:` line of /proc/<pid>/status. */
export function parseVmRssBytes(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * utime + stime in clock ticks from the text of /proc/<pid>/stat. The command name (field 2)
 * is in parentheses and may itself contain spaces or ')', so fields are counted from the
 * last ')'.
 */
export function parseCpuTicks(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  // After ')': field 3 (state) is index 0, so utime (field 14) is index 11 and stime index 12.
  const fields = stat.slice(close + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

function treePids(pid: number): number[] {
  return [pid, ...descendantPids(pid)];
}

/**
 * Sums one /proc/<pid>/<file> figure over `pid` and its descendants; undefined when no
 * process of the tree could be read.
 */
function sumOverTree(pid: number, file: 'status' | 'stat', parse: (text: string) => number | undefined): number | undefined {
  let total = 0;
  let seen = false;
  for (const target of treePids(pid)) {
    try {
      const value = parse(readFileSync(`/proc/${target}/${file}`, 'utf8'));
      if (value !== undefined) {
        total += value;
        seen = true;
      }
    } catch {
      // exited between listing and reading
    }
  }
  return seen ? total : undefined;
}

/** RSS in bytes of `pid` plus its descendants; undefined when /proc cannot be read. */
export function treeRssBytes(pid: number): number | undefined {
  return sumOverTree(pid, 'status', parseVmRssBytes);
}

/** CPU seconds (user + system) used so far by `pid` plus its live descendants; undefined without /proc. */
export function treeCpuSeconds(pid: number): number | undefined {
  const ticks = sumOverTree(pid, 'stat', parseCpuTicks);
  return ticks === undefined ? undefined : ticks / clockTicksPerSecond();
}

/** Samples a process tree's RSS every `intervalMs` until stopped; reports the peak. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number | undefined } {
  let peak: number | undefined;
  const take = (): void => {
    const rss = treeRssBytes(pid);
    if (rss !== undefined && (peak === undefined || rss > peak)) peak = rss;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
