import { describe, expect, it } from 'vitest';
import { MemoryCacheBackend } from '../../../runtime/cache/memory-cache-backend.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryCacheBackend', () => {
  it('returns what was stored until its TTL passes', async () => {
    const time = clock();
    const cache = new MemoryCacheBackend({ now: time.now });
    await cache.set('k', 'v', 10);
    time.advance(9_999);
    expect(await cache.get('k')).toBe('v');
    time.advance(1);
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.chars).toBe(0);
  });

  it('applies the default TTL when none is given', async () => {
    const time = clock();
    const cache = new MemoryCacheBackend({ now: time.now, defaultTtlSeconds: 5 });
    await cache.set('k', 'v');
    time.advance(4_000);
    expect(await cache.get('k')).toBe('v');
    time.advance(1_000);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', async () => {
    const cache = new MemoryCacheBackend({ maxEntries: 2 });
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    expect(await cache.get('a')).toBe('1'); // a is now more recent than b
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('evicts the least recently used entries to stay within the size budget', async () => {
    const cache = new MemoryCacheBackend({ maxChars: 30 });
    await cache.set('a', 'x'.repeat(9), 60); // 10 chars with its key
    await cache.set('b', 'x'.repeat(9), 60);
    await cache.set('c', 'x'.repeat(9), 60);
    expect(cache.chars).toBe(30);
    await cache.get('a');
    await cache.set('d', 'x'.repeat(14), 60); // 15 chars: b and c must go
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBeUndefined();
    expect(await cache.get('a')).toBeDefined();
    expect(cache.chars).toBe(25);
  });

  it('does not store an entry larger than the whole budget', async () => {
    const cache = new MemoryCacheBackend({ maxChars: 10 });
    await cache.set('a', 'tiny', 60);
    await cache.set('b', 'x'.repeat(20), 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('tiny');
  });

  it('overwrites an entry with a fresh deadline', async () => {
    const time = clock();
    const cache = new MemoryCacheBackend({ now: time.now });
    await cache.set('k', 'old', 1);
    await cache.set('k', 'new', 100);
    time.advance(50_000);
    expect(await cache.get('k')).toBe('new');
    expect(cache.size).toBe(1);
    expect(cache.chars).toBe('k'.length + 'new'.length);
  });

  it('does not store with a TTL of zero', async () => {
    const cache = new MemoryCacheBackend();
    await cache.set('k', 'v', 0);
    expect(await cache.get('k')).toBeUndefined();
  });
});
