/**
 * The Redis cache backend against real Redis (fixtures/services): entries shared between
 * two backends (two proxy instances), expiry done by Redis, and a Redis that goes away
 * (a TCP relay in front of it is stopped): reads miss, writes are skipped, nothing throws,
 * the outage is logged once, and caching resumes when it returns.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redisForTests, withSkipReason, type RedisNamespace } from '../../../fixtures/services/index.ts';
import { RedisCacheBackend } from '../../../runtime/cache/redis-cache-backend.ts';
import { TcpRelay } from '../state/tcp-relay.ts';
import { collectingLogger } from '../../support/collecting-logger.ts';
import { waitFor } from '../../support/wait-for.ts';

const redis = await redisForTests();
const redisService = redis.available ? redis.service : undefined;

describe.skipIf(!redis.available)(withSkipReason('Redis cache backend', redis), () => {
  let namespace: RedisNamespace;
  const backends: RedisCacheBackend[] = [];

  beforeEach(() => {
    namespace = redisService!.namespace('response-cache');
  });
  afterEach(async () => {
    await Promise.all(backends.splice(0).map((backend) => backend.close()));
    await namespace.cleanup();
  });

  async function backend(url = namespace.url, logger = collectingLogger().logger) {
    const created = await RedisCacheBackend.connect({ url, logger, keyPrefix: namespace.prefix, probeIntervalMs: 50, commandTimeoutMs: 300 });
    backends.push(created);
    return created;
  }

  it('an entry one instance writes is read by another', async () => {
    const [a, b] = [await backend(), await backend()];
    await a.set('team:abc', '{"x":1}', 60);
    expect(await b.get('team:abc')).toBe('{"x":1}');
    expect(await b.get('team:missing')).toBeUndefined();
  });

  it('gives entries a Redis expiry from their TTL, and none without one', async () => {
    const cache = await backend();
    await cache.set('short', 'v', 0.2);
    await cache.set('forever', 'v');
    expect(await cache.get('short')).toBe('v');
    // Fractional seconds become a millisecond expiry (no sleeping: Redis reports it).
    const left = await cache.link.client.pttl(namespace.key('short'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(200);
    expect(await cache.link.client.pttl(namespace.key('forever'))).toBe(-1);
  });

  it('misses and skips writes while Redis is away, logs once, and resumes', async () => {
    const relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    const parsed = new URL(namespace.url);
    parsed.host = `127.0.0.1:${relay.port}`;
    const { lines, logger } = collectingLogger();
    const cache = await backend(parsed.toString(), logger);
    await cache.set('k', 'before', 60);
    expect(await cache.get('k')).toBe('before');

    await relay.stop();
    for (let round = 0; round < 5; round += 1) {
      expect(await cache.get('k')).toBeUndefined();
      await cache.set('k2', 'during', 60);
    }
    expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
    expect(lines[0]).toContain('response cache lookups miss');

    await relay.start();
    await waitFor(() => cache.link.up);
    expect(await cache.get('k')).toBe('before');
    expect(await cache.get('k2')).toBeUndefined();
    expect(lines.at(-1)).toContain('response caching resumes');
    await relay.stop();
  });
});
