import { describe, expect, it } from 'vitest';
import { parseMachineTicks, stealPercent } from './cpu-steal.ts';

const sample = ['cpu  448971 185 99238 508101 1597 0 42958 57839 120 0', 'cpu0 224000 90 49000 254000 800 0 21000 28900 60 0', 'intr 123'].join('\n');

describe('CPU steal from /proc/stat', () => {
  it('reads the aggregate line: total of the first eight columns, and steal', () => {
    // guest (120) is not added again: the kernel already counts it in user.
    expect(parseMachineTicks(sample)).toEqual({ total: 448971 + 185 + 99238 + 508101 + 1597 + 0 + 42958 + 57839, steal: 57839 });
    expect(parseMachineTicks('intr 1\n')).toBeUndefined();
    expect(parseMachineTicks('cpu  1 2 x 4 5 6 7 8\n')).toBeUndefined();
  });

  it('gives the stolen share of the time between two readings', () => {
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 3000, steal: 110 })).toBe(5);
    expect(stealPercent({ total: 1000, steal: 10 }, { total: 1000, steal: 10 })).toBeUndefined();
    expect(stealPercent(undefined, { total: 1, steal: 0 })).toBeUndefined();
  });
});
