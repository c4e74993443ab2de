/**
 * CPU steal: the share of the machine's CPU time the hypervisor gave to other guests while
 * the benchmark ran (the `steal` column of /proc/stat). On a shared VM it is why two runs of
 * the same code differ, so the report states it beside the figures. Linux only.
 */
import { readFileSync } from 'node:fs';

/** Cumulative ticks of all the machine's CPUs (proc-stats.ts counts one process's): everything, and steal. */
export interface MachineTicks {
  readonly total: number;
  readonly steal: number;
}

/** Parses the aggregate `cpu` line of /proc/stat (user nice system idle iowait irq softirq steal …). */
export function parseMachineTicks(procStat: string): MachineTicks | undefined {
  const line = procStat.split('\n').find((row) => row.startsWith('cpu '));
  if (line === undefined) return undefined;
  // guest and guest_nice (columns 9 and 10) are already counted in user and nice.
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 8 || ticks.some((tick) => !Number.isFinite(tick))) return undefined;
  return { total: ticks.reduce((sum, tick) => sum + tick, 0), steal: ticks[7]! };
}

/** The machine's CPU ticks now; undefined where /proc/stat does not exist. */
export function readMachineTicks(): MachineTicks | undefined {
  try {
    return parseMachineTicks(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** Percent of the CPU time between two readings that was stolen (one decimal). */
export function stealPercent(start: MachineTicks | undefined, end: MachineTicks | undefined): number | undefined {
  if (start === undefined || end === undefined || end.total <= start.total) return undefined;
  return Math.round(((end.steal - start.steal) / (end.total - start.total)) * 1000) / 10;
}
