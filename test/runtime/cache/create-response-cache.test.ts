import { describe, expect, it } from 'vitest';
import type { CachePlan } from '../../../compiler/plan/routing-plan.ts';
import { createResponseCache } from '../../../runtime/cache/create-response-cache.ts';
import { RedisCacheBackend } from '../../../runtime/cache/redis-cache-backend.ts';
import { collectingLogger } from '../../support/collecting-logger.ts';

const base: CachePlan = { enabled: true, type: 'local', mode: 'default_on' };

describe('createResponseCache', () => {
  it('builds nothing when caching is off', async () => {
    expect(await createResponseCache({ ...base, enabled: false })).toBeUndefined();
  });

  it('builds the in-memory cache for type local', async () => {
    const cache = await createResponseCache(base);
    expect(cache?.backend.kind).toBe('memory');
    await cache?.close();
  });

  it('turns caching off with one warning for a cache type litegate does not implement', async () => {
    const { lines, logger } = collectingLogger();
    expect(await createResponseCache({ ...base, type: 'redis-semantic' }, { logger })).toBeUndefined();
    expect(lines).toEqual([expect.stringContaining("cache_params.type 'redis-semantic' is not supported by litegate")]);
  });

  it('names an unset environment variable, never a value', async () => {
    const plan: CachePlan = { ...base, type: 'redis', redis: { host: { env: 'CACHE_HOST' }, password: { env: 'CACHE_PASSWORD' } } };
    await expect(createResponseCache(plan, { env: { CACHE_PASSWORD: 'hunter2' } })).rejects.toThrow(/cache_params\.host refers to environment variable CACHE_HOST, which is not set/);
    await expect(createResponseCache({ ...plan, source: 'router_settings' }, { env: {} })).rejects.toThrow(/router_settings\.redis_password refers to environment variable CACHE_PASSWORD/);
  });

  it('without Redis settings reads REDIS_HOST/REDIS_PORT, and an unreachable Redis is logged, not fatal', async () => {
    const { lines, logger } = collectingLogger();
    // Port 1 on loopback refuses connections at once.
    const cache = await createResponseCache({ ...base, type: 'redis' }, { env: { REDIS_HOST: '127.0.0.1', REDIS_PORT: '1' }, logger, connectTimeoutMs: 500 });
    try {
      expect(cache?.backend).toBeInstanceOf(RedisCacheBackend);
      expect(lines).toEqual([expect.stringMatching(/^warn: redis 127\.0\.0\.1:1 unavailable .*response cache lookups miss/)]);
      const decision = cache!.decide('chat', { model: 'm', messages: [] }, 'm')!;
      await cache!.write(decision, { id: 'x', choices: [] });
      expect(await cache!.read(decision)).toBeUndefined();
    } finally {
      await cache?.close();
    }
  });
});
