import { describe, expect, it } from 'vitest';
import { checkGoals, verdict } from './performance-goals.ts';

const MiB = 1024 * 1024;

describe('checkGoals', () => {
  it('passes figures at the limits and fails figures beyond them', () => {
    const atLimits = checkGoals({ addedP50Ms: 0.15, addedP99Ms: 0.6, litegateRps: 15_000, portkeyRps: 3_000, bareRps: 15_000 / 0.7, litegateLoadRssBytes: 120 * MiB });
    expect(atLimits.map((goal) => [goal.id, goal.pass])).toEqual([
      ['added-p50', true],
      ['added-p99', true],
      ['throughput-vs-portkey', true],
      ['throughput-vs-bare', true],
      ['rss-under-load', true],
    ]);
    const beyond = checkGoals({ addedP50Ms: 0.151, addedP99Ms: 0.61, litegateRps: 14_999, portkeyRps: 3_000, bareRps: 30_000, litegateLoadRssBytes: 121 * MiB });
    expect(beyond.every((goal) => goal.pass === false)).toBe(true);
    expect(beyond.find((goal) => goal.id === 'throughput-vs-bare')?.actual).toBe('50%');
  });

  it('reports n/a rather than a verdict when a figure is missing', () => {
    const goals = checkGoals({ addedP50Ms: Number.NaN, litegateRps: 10_000, portkeyRps: 0 });
    expect(goals.map((goal) => goal.pass)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(goals.map((goal) => verdict(goal.pass))).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
  });
});
