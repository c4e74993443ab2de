/**
 * One load round against one target: N keep-alive connections for a fixed duration, while
 * the target's server process is watched for peak RSS and CPU time, so CPU per request is
 * (utime+stime delta) / requests served. The load comes from wrk when it is installed (a C
 * client in its own process, microsecond latency), else from autocannon inside this process.
 */
import autocannon from 'autocannon';
import type { BenchTarget } from './bench-target.ts';
import { sampleRss, treeCpuSeconds } from './proc-stats.ts';
import { runWrk, wrkAvailable } from './wrk-round.ts';

/** Which client generates the load: `wrk` when installed, else `autocannon`. */
export type LoadGenerator = 'wrk' | 'autocannon';

let chosen: LoadGenerator | undefined;

/** The load generator this run uses (probed once). `LITEGATE_BENCH_LOAD=autocannon` forces the fallback. */
export function loadGenerator(): LoadGenerator {
  chosen ??= process.env.LITEGATE_BENCH_LOAD !== 'autocannon' && wrkAvailable() ? 'wrk' : 'autocannon';
  return chosen;
}

/** What one load round measured. */
export interface LoadRound {
  /** 2xx responses per second over the round. */
  readonly rps: number;
  /** Latency percentiles, milliseconds (wrk: microsecond resolution; autocannon: 1 ms). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Peak RSS of the server process tree during the round, bytes. */
  readonly peakRssBytes?: number;
  /** Server CPU (user+system) per 2xx response, microseconds. */
  readonly cpuPerRequestUs?: number;
}

/** Runs one round; `durationSec` may be fractional (wrk rounds it up to whole seconds). */
export async function runLoadRound(target: BenchTarget, connections: number, durationSec: number, body: string): Promise<LoadRound> {
  const rss = sampleRss(target.pid);
  const cpuBefore = treeCpuSeconds(target.pid);
  const result = loadGenerator() === 'wrk' ? await wrkRound(target, connections, durationSec, body) : await autocannonRound(target, connections, durationSec, body);
  const cpuAfter = treeCpuSeconds(target.pid);
  const peakRssBytes = rss.stop();
  const ok = result.requests - result.non2xx;
  const cpuPerRequestUs = cpuBefore !== undefined && cpuAfter !== undefined && ok > 0 ? ((cpuAfter - cpuBefore) / ok) * 1e6 : undefined;
  return {
    rps: ok / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    meanMs: result.meanMs,
    requests: ok,
    non2xx: result.non2xx,
    errors: result.errors,
    peakRssBytes,
    cpuPerRequestUs,
  };
}

/** One generator's figures, in the shape runLoadRound reports. */
interface GeneratorResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

async function wrkRound(target: BenchTarget, connections: number, durationSec: number, body: string): Promise<GeneratorResult> {
  const summary = await runWrk(target, connections, durationSec, body);
  return {
    requests: summary.requests,
    non2xx: summary.non2xx,
    errors: summary.errors,
    seconds: summary.durationUs / 1e6,
    p50Ms: summary.p50Us / 1000,
    p99Ms: summary.p99Us / 1000,
    meanMs: summary.meanUs / 1000,
  };
}

async function autocannonRound(target: BenchTarget, connections: number, durationSec: number, body: string): Promise<GeneratorResult> {
  const result = await autocannon({
    url: `${target.origin}${target.path}`,
    method: 'POST',
    headers: { ...target.headers },
    body,
    connections,
    pipelining: 1,
    duration: durationSec,
    // A stuck target must not hang the whole run.
    timeout: 10,
  });
  return {
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
  };
}
