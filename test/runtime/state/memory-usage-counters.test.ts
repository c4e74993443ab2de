import { describe, expect, it } from 'vitest';
import { MemoryUsageCounters } from '../../../runtime/state/memory/memory-usage-counters.ts';

function counters() {
  let now = 1_000_000;
  return { usage: new MemoryUsageCounters(() => now), advance: (ms: number) => (now += ms) };
}

describe('in-memory rpm/tpm windows', () => {
  it('admits at most the limit in any 60 seconds, and frees each slot exactly 60 s after it was used', async () => {
    const { usage, advance } = counters();
    const admitted: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      admitted.push((await usage.acquireRequest('d', 3)).admitted);
      advance(10_000);
    }
    expect(admitted).toEqual([true, true, true]);
    advance(29_999); // 59.999 s after the first request
    expect((await usage.acquireRequest('d', 3)).admitted).toBe(false);
    advance(1);
    expect(await usage.acquireRequest('d', 3)).toEqual({ admitted: true, requests: 3 });
    expect((await usage.acquireRequest('d', 3)).admitted).toBe(false);
  });

  it('has no calendar-minute boundary to burst across', async () => {
    const { usage, advance } = counters();
    advance(59_000 - (1_000_000 % 60_000)); // one second before a calendar minute ends
    for (let i = 0; i < 5; i++) await usage.acquireRequest('d', 5);
    advance(2000); // the next calendar minute
    expect((await usage.acquireRequest('d', 5)).admitted).toBe(false);
  });

  it('counts tokens over the sliding minute, the oldest bucket fading out', async () => {
    const { usage, advance } = counters();
    advance(10_000 - (1_000_000 % 10_000)); // start of a 10 s bucket
    usage.addTokens('d', 600);
    expect((await usage.read(['d']))[0]).toEqual({ requests: 0, tokens: 600 });
    advance(60_000); // that bucket is now the oldest, fully inside
    expect((await usage.read(['d']))[0]!.tokens).toBe(600);
    advance(5_000); // half slid out
    expect((await usage.read(['d']))[0]!.tokens).toBe(300);
    advance(5_000);
    expect((await usage.read(['d']))[0]!.tokens).toBe(0);
  });

  it('keeps deployments apart', async () => {
    const { usage } = counters();
    await usage.acquireRequest('a', 1);
    expect((await usage.acquireRequest('b', 1)).admitted).toBe(true);
    expect(await usage.read(['a', 'b', 'c'])).toEqual([
      { requests: 1, tokens: 0 },
      { requests: 1, tokens: 0 },
      { requests: 0, tokens: 0 },
    ]);
  });
});
