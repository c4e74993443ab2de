import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, parallelLimit } from '../../../runtime/router/concurrency-limiter.ts';
import { deployment } from './plan-builder.ts';

describe('ConcurrencyLimiter', () => {
  it('hands slots out in arrival order and never more than the limit at once', async () => {
    const limiter = new ConcurrencyLimiter();
    const signal = new AbortController().signal;
    const first = await limiter.acquire('d', 1, signal);
    const order: string[] = [];
    const second = limiter.acquire('d', 1, signal).then((release) => (order.push('second'), release));
    const third = limiter.acquire('d', 1, signal).then((release) => (order.push('third'), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    first();
    first(); // a second release of the same slot changes nothing
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(limiter.active('d')).toBe(0);
  });

  it('stops waiting when the client goes away, and the slot goes to the next waiter', async () => {
    const limiter = new ConcurrencyLimiter();
    const held = await limiter.acquire('d', 1, new AbortController().signal);
    const leaving = new AbortController();
    const waiting = limiter.acquire('d', 1, leaving.signal);
    const staying = limiter.acquire('d', 1, new AbortController().signal);
    leaving.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    held();
    (await staying)();
    expect(limiter.active('d')).toBe(0);
  });

  it.each([
    ['max_parallel_requests', { maxParallelRequests: 3, rpm: 100 }, undefined, 3],
    ['rpm', { rpm: 100, tpm: 1_000_000 }, undefined, 100],
    ['tpm / 1000 × 6', { tpm: 50_000 }, undefined, 300],
    ['tpm, at least 1', { tpm: 10 }, undefined, 1],
    ['default_max_parallel_requests', {}, 7, 7],
    ['unlimited', {}, undefined, undefined],
  ])('derives the limit from %s', (_name, spec, fallback, expected) => {
    expect(parallelLimit(deployment({ id: 'd', group: 'g', ...spec }), fallback)).toBe(expected);
  });
});
