/**
 * The proxy-overhead benchmark over a set of running targets: warm-up, then alternating
 * rounds (each round visits every target, starting one further along, so neither order
 * nor machine drift favours a target) of
 * - concurrency 1, non-streaming: full latency, microsecond resolution (from wrk -c1 when
 *   installed: a C client adds less of its own time and jitter than a Node client; every
 *   recorded latency is kept, so the rounds pool into exact percentiles);
 * - concurrency 1, streaming: time to first token;
 * - N connections (wrk or autocannon): throughput, latency, peak RSS, CPU per request;
 * and the RSS of each server at start (before any warm-up) and idle between warm-up and the
 * first round.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CHAT_BODY, CHAT_STREAM_BODY, type BenchTarget } from './bench-target.ts';
import { loadGenerator, runLoadRound, type LoadRound } from './load-round.ts';
import { treeRssBytes } from './proc-stats.ts';
import { SequentialClient, type SequentialSamples } from './sequential-client.ts';
import { median, summarizeHistogramUs, summarizeNanoseconds, type LatencySummary } from './stats.ts';
import { runWrk } from './wrk-round.ts';

/** How much of everything to do (the default run and `--quick` differ only here). */
export interface OverheadSettings {
  readonly warmupRequests: number;
  readonly warmupLoadSeconds: number;
  readonly latencyRounds: number;
  readonly latencyRequestsPerRound: number;
  /** With wrk: each target's share of a concurrency-1 round, seconds (whole seconds). */
  readonly latencySecondsPerRound: number;
  /** Cap on each target's share of a sequential round (and of its warm-up), seconds. */
  readonly sequentialRoundMaxSeconds: number;
  readonly ttftRounds: number;
  readonly ttftRequestsPerRound: number;
  readonly loadRounds: number;
  readonly loadSeconds: number;
  readonly connections: number;
}

/** Per-target results. */
export interface TargetOverhead {
  readonly latency: LatencySummary & { readonly errors: number; readonly firstError?: string };
  readonly ttft: LatencySummary & { readonly errors: number; readonly firstError?: string };
  /**
   * The proxy's own time per request at concurrency 1, as it reports it (litegate's
   * `x-litellm-overhead-duration-ms`, non-streaming); absent for targets that do not.
   */
  readonly own?: LatencySummary;
  /** Streaming: full stream duration at concurrency 1. */
  readonly streamTotal: LatencySummary;
  /** Medians over the load rounds. */
  readonly load: {
    readonly rps: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly meanMs: number;
    readonly cpuPerRequestUs?: number;
    readonly peakRssBytes?: number;
    readonly non2xx: number;
    readonly errors: number;
    readonly rounds: readonly LoadRound[];
  };
  readonly idleRssBytes?: number;
  /** RSS as started: the server has answered its readiness check and nothing else. */
  readonly startRssBytes?: number;
}

/** Rotates `items` left by `by` places: round r starts with target r mod n. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Summarises the load rounds of one target: medians of the per-round figures, sums of the failures. */
export function summarizeLoadRounds(rounds: readonly LoadRound[]): TargetOverhead['load'] {
  const cpu = rounds.map((round) => round.cpuPerRequestUs).filter((value): value is number => value !== undefined);
  const rss = rounds.map((round) => round.peakRssBytes).filter((value): value is number => value !== undefined);
  return {
    rps: median(rounds.map((round) => round.rps)),
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    meanMs: median(rounds.map((round) => round.meanMs)),
    cpuPerRequestUs: cpu.length > 0 ? median(cpu) : undefined,
    // Peak, not median: the goal is about the most memory the server needed.
    peakRssBytes: rss.length > 0 ? Math.max(...rss) : undefined,
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    rounds,
  };
}

/** Runs the whole overhead benchmark; `progress` receives one short line per step. */
export async function runProxyOverhead(
  targets: readonly BenchTarget[],
  settings: OverheadSettings,
  progress: (line: string) => void,
): Promise<Map<string, TargetOverhead>> {
  const clients = new Map(targets.map((target) => [target.key, new SequentialClient(target)]));
  const latency = new Map<string, SequentialSamples>();
  // With wrk, concurrency-1 latencies arrive as [µs, count] pairs, pooled over the rounds.
  const latencyClient = loadGenerator() === 'wrk' ? 'wrk' : 'node';
  const latencyBins = new Map<string, (readonly [number, number])[]>();
  const stream = new Map<string, SequentialSamples>();
  const loads = new Map<string, LoadRound[]>();
  const idle = new Map<string, number | undefined>();
  const started = new Map(targets.map((target) => [target.key, treeRssBytes(target.pid)]));
  for (const target of targets) {
    latency.set(target.key, { totalNs: [], firstTokenNs: [], ownNs: [], errors: 0 });
    latencyBins.set(target.key, []);
    stream.set(target.key, { totalNs: [], firstTokenNs: [], ownNs: [], errors: 0 });
    loads.set(target.key, []);
  }

  // Targets that report their own time per request (seen during the warm-up).
  const reportsOwnTime = new Set<string>();
  try {
    progress('warm-up');
    for (const target of targets) {
      const client = clients.get(target.key) as SequentialClient;
      const warm = await client.run(CHAT_BODY, settings.warmupRequests, undefined, settings.sequentialRoundMaxSeconds);
      if (warm.ownNs.length > 0) reportsOwnTime.add(target.key);
      await client.run(CHAT_STREAM_BODY, Math.ceil(settings.warmupRequests / 5), undefined, settings.sequentialRoundMaxSeconds);
      await runLoadRound(target, settings.connections, settings.warmupLoadSeconds, CHAT_BODY);
    }
    // Let the servers settle (sockets closed, a GC or two) before reading idle memory.
    await sleep(500);
    for (const target of targets) idle.set(target.key, treeRssBytes(target.pid));

    for (let round = 0; round < settings.latencyRounds; round++) {
      progress(`concurrency 1, round ${round + 1}/${settings.latencyRounds}`);
      for (const target of rotate(targets, round)) {
        if (latencyClient === 'node') {
          await (clients.get(target.key) as SequentialClient).run(CHAT_BODY, settings.latencyRequestsPerRound, latency.get(target.key), settings.sequentialRoundMaxSeconds);
          continue;
        }
        const measured = await runWrk(target, 1, settings.latencySecondsPerRound, CHAT_BODY, { histogram: true });
        (latencyBins.get(target.key) as (readonly [number, number])[]).push(...(measured.histogram ?? []));
        const samples = latency.get(target.key) as SequentialSamples;
        samples.errors += measured.errors + measured.non2xx;
        if (measured.errors + measured.non2xx > 0) samples.firstError ??= `wrk: ${measured.non2xx} non-2xx, ${measured.errors} socket errors`;
      }
    }
    // wrk reads no headers: the proxies' own time comes from one round of the Node client.
    if (latencyClient === 'wrk' && reportsOwnTime.size > 0) {
      progress('concurrency 1, own time as reported');
      for (const target of targets.filter((entry) => reportsOwnTime.has(entry.key))) {
        await (clients.get(target.key) as SequentialClient).run(CHAT_BODY, settings.latencyRequestsPerRound, latency.get(target.key), settings.sequentialRoundMaxSeconds);
      }
    }
    for (let round = 0; round < settings.ttftRounds; round++) {
      progress(`streaming, round ${round + 1}/${settings.ttftRounds}`);
      for (const target of rotate(targets, round)) {
        await (clients.get(target.key) as SequentialClient).run(CHAT_STREAM_BODY, settings.ttftRequestsPerRound, stream.get(target.key), settings.sequentialRoundMaxSeconds);
      }
    }
    for (let round = 0; round < settings.loadRounds; round++) {
      progress(`${settings.connections} connections, round ${round + 1}/${settings.loadRounds}`);
      for (const target of rotate(targets, round)) {
        (loads.get(target.key) as LoadRound[]).push(await runLoadRound(target, settings.connections, settings.loadSeconds, CHAT_BODY));
      }
    }
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
  }

  const results = new Map<string, TargetOverhead>();
  for (const target of targets) {
    const sequential = latency.get(target.key) as SequentialSamples;
    const streamed = stream.get(target.key) as SequentialSamples;
    results.set(target.key, {
      latency: {
        ...(latencyClient === 'wrk' ? summarizeHistogramUs(latencyBins.get(target.key) as (readonly [number, number])[]) : summarizeNanoseconds(sequential.totalNs)),
        errors: sequential.errors,
        firstError: sequential.firstError,
      },
      ...(sequential.ownNs.length > 0 ? { own: summarizeNanoseconds(sequential.ownNs) } : {}),
      ttft: { ...summarizeNanoseconds(streamed.firstTokenNs), errors: streamed.errors, firstError: streamed.firstError },
      streamTotal: summarizeNanoseconds(streamed.totalNs),
      load: summarizeLoadRounds(loads.get(target.key) as LoadRound[]),
      idleRssBytes: idle.get(target.key),
      startRssBytes: started.get(target.key),
    });
  }
  return results;
}
