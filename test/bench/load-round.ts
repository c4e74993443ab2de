/**
 * One load round against one target with autocannon's programmatic API: N keep-alive
 * connections for a fixed duration, while the target's server process is watched for
 * peak RSS and CPU time, so CPU per request is (utime+stime delta) / requests served.
 */
import autocannon from 'autocannon';
import type { BenchTarget } from './bench-target.ts';
import { sampleRss, treeCpuSeconds } from './proc-stats.ts';

/** What one load round measured. */
export interface LoadRound {
  /** 2xx responses per second over the round. */
  readonly rps: number;
  /** autocannon's latency percentiles, milliseconds (its histogram has 1 ms resolution). */
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

/** Runs one round; `durationSec` may be fractional (autocannon takes seconds). */
export async function runLoadRound(target: BenchTarget, connections: number, durationSec: number, body: string): Promise<LoadRound> {
  const rss = sampleRss(target.pid);
  const cpuBefore = treeCpuSeconds(target.pid);
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
  const cpuAfter = treeCpuSeconds(target.pid);
  const peakRssBytes = rss.stop();
  const ok = result['2xx'];
  const cpuPerRequestUs = cpuBefore !== undefined && cpuAfter !== undefined && ok > 0 ? ((cpuAfter - cpuBefore) / ok) * 1e6 : undefined;
  return {
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requests: ok,
    non2xx: result.non2xx,
    errors: result.errors,
    peakRssBytes,
    cpuPerRequestUs,
  };
}
