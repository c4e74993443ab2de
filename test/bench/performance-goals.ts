/**
 * The performance goals of issue 6 for one litegate process on the benchmark machine,
 * checked against a run's figures. Printed as PASS/FAIL lines, never asserted: a busy
 * machine must not turn the benchmark into a failing build.
 */

/** The figures the goals are checked against (undefined where a system could not be measured). */
export interface GoalInputs {
  /** litegate's added latency at concurrency 1 over the direct baseline, milliseconds. */
  readonly addedP50Ms?: number;
  readonly addedP99Ms?: number;
  /** Median req/s at 50 connections. */
  readonly litegateRps?: number;
  readonly portkeyRps?: number;
  readonly bareRps?: number;
  /** Peak RSS of litegate under load, bytes. */
  readonly litegateLoadRssBytes?: number;
}

/** One goal's verdict. `pass` is undefined when a figure it needs is missing. */
export interface GoalResult {
  readonly id: string;
  readonly description: string;
  readonly actual: string;
  readonly pass: boolean | undefined;
}

const MiB = 1024 * 1024;

function known(...values: (number | undefined)[]): boolean {
  return values.every((value) => value !== undefined && Number.isFinite(value));
}

/** Checks every goal; the order is the order they are printed in. */
export function checkGoals(inputs: GoalInputs): GoalResult[] {
  const { addedP50Ms, addedP99Ms, litegateRps, portkeyRps, bareRps, litegateLoadRssBytes } = inputs;
  const ratio = (a?: number, b?: number): number | undefined => (known(a, b) && (b as number) > 0 ? (a as number) / (b as number) : undefined);
  const vsPortkey = ratio(litegateRps, portkeyRps);
  const vsBare = ratio(litegateRps, bareRps);
  return [
    {
      id: 'added-p50',
      description: 'added latency p50 at concurrency 1 <= 0.15 ms',
      actual: known(addedP50Ms) ? `${(addedP50Ms as number).toFixed(3)} ms` : 'n/a',
      pass: known(addedP50Ms) ? (addedP50Ms as number) <= 0.15 : undefined,
    },
    {
      id: 'added-p99',
      description: 'added latency p99 at concurrency 1 <= 0.6 ms',
      actual: known(addedP99Ms) ? `${(addedP99Ms as number).toFixed(3)} ms` : 'n/a',
      pass: known(addedP99Ms) ? (addedP99Ms as number) <= 0.6 : undefined,
    },
    {
      id: 'throughput-vs-portkey',
      description: "throughput at 50 connections >= 5x Portkey's",
      actual: vsPortkey !== undefined ? `${vsPortkey.toFixed(2)}x` : 'n/a',
      pass: vsPortkey !== undefined ? vsPortkey >= 5 : undefined,
    },
    {
      id: 'throughput-vs-bare',
      description: "throughput at 50 connections >= 70% of the bare pass-through's",
      actual: vsBare !== undefined ? `${(vsBare * 100).toFixed(0)}%` : 'n/a',
      pass: vsBare !== undefined ? vsBare >= 0.7 : undefined,
    },
    {
      id: 'rss-under-load',
      description: 'RSS under load <= 120 MB',
      actual: known(litegateLoadRssBytes) ? `${((litegateLoadRssBytes as number) / MiB).toFixed(1)} MB` : 'n/a',
      pass: known(litegateLoadRssBytes) ? (litegateLoadRssBytes as number) <= 120 * MiB : undefined,
    },
  ];
}

/** `PASS`, `FAIL` or `n/a` for a verdict. */
export function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a' : pass ? 'PASS' : 'FAIL';
}
