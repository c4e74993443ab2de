import { describe, expect, it } from 'vitest';
import type { LoadRound } from './load-round.ts';
import { rotate, summarizeLoadRounds } from './proxy-overhead.ts';

describe('rotate (alternating round order)', () => {
  it('starts each round one target further along', () => {
    const targets = ['direct', 'bare', 'litegate', 'portkey'];
    expect(rotate(targets, 0)).toEqual(['direct', 'bare', 'litegate', 'portkey']);
    expect(rotate(targets, 1)).toEqual(['bare', 'litegate', 'portkey', 'direct']);
    expect(rotate(targets, 5)).toEqual(['bare', 'litegate', 'portkey', 'direct']);
    expect(rotate([], 3)).toEqual([]);
  });
});

describe('summarizeLoadRounds', () => {
  const round = (rps: number, cpu: number | undefined, rss: number | undefined, non2xx = 0): LoadRound => ({
    rps,
    p50Ms: rps / 1000,
    p99Ms: rps / 100,
    meanMs: 1,
    requests: rps,
    non2xx,
    errors: 0,
    cpuPerRequestUs: cpu,
    peakRssBytes: rss,
  });

  it('takes medians of rates and latencies, the peak of memory, and sums failures', () => {
    const summary = summarizeLoadRounds([round(10_000, 40, 80e6), round(30_000, 20, 60e6, 2), round(20_000, undefined, 90e6, 1)]);
    expect(summary.rps).toBe(20_000);
    expect(summary.p50Ms).toBe(20);
    expect(summary.cpuPerRequestUs).toBe(30);
    expect(summary.peakRssBytes).toBe(90e6);
    expect(summary.non2xx).toBe(3);
  });

  it('leaves CPU and memory undefined when no round could read /proc', () => {
    const summary = summarizeLoadRounds([round(1, undefined, undefined)]);
    expect(summary.cpuPerRequestUs).toBeUndefined();
    expect(summary.peakRssBytes).toBeUndefined();
  });
});
