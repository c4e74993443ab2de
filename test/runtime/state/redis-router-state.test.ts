/**
 * The Redis-backed router state against real Redis (fixtures/services): shared limits and
 * cooldowns across several state instances (as several proxy processes would hold), and
 * routing on local state while Redis is away (a TCP relay in front of it is stopped).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redisForTests, withSkipReason, type RedisNamespace } from '../../../fixtures/services/index.ts';
import { createRedisState, type RedisState } from '../../../runtime/state/redis/create-redis-state.ts';
import { TcpRelay } from './tcp-relay.ts';
import { collectingLogger } from '../../support/collecting-logger.ts';
import { waitFor } from '../../support/wait-for.ts';

const redis = await redisForTests();
const redisService = redis.available ? redis.service : undefined;

describe.skipIf(!redis.available)(withSkipReason('Redis router state', redis), () => {
  let namespace: RedisNamespace;
  const states: RedisState[] = [];

  beforeEach(() => {
    namespace = redisService!.namespace('router-state');
  });
  afterEach(async () => {
    await Promise.all(states.splice(0).map((state) => state.close()));
    await namespace.cleanup();
  });

  async function instances(count: number, url = namespace.url, logger = collectingLogger().logger) {
    const created = await Promise.all(
      Array.from({ length: count }, (_, index) => createRedisState({ url, now: Date.now, keyPrefix: namespace.prefix, instanceId: `instance-${index}`, logger, probeIntervalMs: 50, commandTimeoutMs: 300 })),
    );
    states.push(...created);
    return created;
  }

  it('three instances admit exactly the rpm limit between them', async () => {
    const group = await instances(3);
    const attempts = Array.from({ length: 150 }, (_, index) => group[index % 3]!.usage.acquireRequest('deployment-1', 60));
    const admitted = (await Promise.all(attempts)).filter((admission) => admission.admitted);
    expect(admitted).toHaveLength(60);
    expect((await group[1]!.usage.read(['deployment-1']))[0]!.requests).toBe(60);
  });

  it('tokens counted by one instance are seen by another', async () => {
    const [a, b] = await instances(2);
    a!.usage.addTokens('deployment-1', 1200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await b!.usage.read(['deployment-1']))[0]!.tokens).toBe(1200);
  });

  it('a cooldown set by one instance applies on the others, and a re-cool never shortens it', async () => {
    const [a, b, c] = await instances(3);
    const now = Date.now();
    await a!.cooldowns.coolDown('deployment-1', { until: now + 60_000, seconds: 60, status: 429, reason: 'rate limited' });
    await b!.cooldowns.coolDown('deployment-1', { until: now + 5_000, seconds: 5, status: 500, reason: 'server error' });
    const seen = await c!.cooldowns.cooling(['deployment-1', 'deployment-2']);
    expect([...seen.keys()]).toEqual(['deployment-1']);
    expect(seen.get('deployment-1')!.seconds).toBe(60);
  });

  it('in-flight counts are summed over instances', async () => {
    const [a, b] = await instances(2);
    a!.inFlight.increment('d');
    a!.inFlight.increment('d');
    b!.inFlight.increment('d');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b!.inFlight.read(['d', 'other'])).toEqual([3, 0]);
    a!.inFlight.decrement('d');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await a!.inFlight.read(['d'])).toEqual([2]);
  });

  it('latency samples are shared, newest first, trimmed to the list size', async () => {
    const [a, b] = await instances(2);
    for (let i = 1; i <= 12; i++) a!.latency.record('g', 'd', 'latency', i);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await b!.latency.read('g', ['d'], 'latency'))[0]).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  });

  it('falls back to local state without failing when Redis goes away, logs once, and shares again when it returns', async () => {
    const relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    const { lines, logger } = collectingLogger();
    const [a, b] = await instances(2, `redis://127.0.0.1:${relay.port}`, logger);
    try {
      expect(a!.link.up && b!.link.up).toBe(true);
      expect((await a!.usage.acquireRequest('d', 10)).admitted).toBe(true);
      await relay.stop();
      // Every call still answers, from local state.
      for (let i = 0; i < 50; i++) {
        await a!.usage.acquireRequest('d', 1000);
        await a!.cooldowns.cooling(['d']);
        a!.usage.addTokens('d', 10);
      }
      await a!.cooldowns.coolDown('d', { until: Date.now() + 60_000, seconds: 60, status: 500, reason: 'local only' });
      expect((await a!.cooldowns.cooling(['d'])).has('d')).toBe(true);
      // One line per instance for the outage, not one per call.
      await waitFor(() => !a!.link.up && !b!.link.up);
      expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(2);

      await relay.start();
      await waitFor(() => a!.link.up && b!.link.up);
      expect(lines.filter((line) => line.startsWith('info:') && line.includes('reachable again'))).toHaveLength(2);
      await b!.cooldowns.coolDown('shared-again', { until: Date.now() + 60_000, seconds: 60, status: 429, reason: 'after outage' });
      expect((await a!.cooldowns.cooling(['shared-again'])).has('shared-again')).toBe(true);
    } finally {
      await relay.stop();
    }
  });

  it('a Redis that hangs costs at most one command timeout, then routing goes on locally until it answers again', async () => {
    const relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    const { lines, logger } = collectingLogger();
    const [a] = await instances(1, `redis://127.0.0.1:${relay.port}`, logger);
    try {
      expect(a!.link.up).toBe(true);
      relay.freeze();
      const first = Date.now();
      expect((await a!.usage.acquireRequest('d', 5)).admitted).toBe(true);
      // The first call waited for the command timeout (300 ms here) and switched to local state.
      expect(Date.now() - first).toBeGreaterThanOrEqual(250);
      expect(a!.link.up).toBe(false);
      const admitted = [];
      for (let i = 0; i < 10; i++) admitted.push((await a!.usage.acquireRequest('d', 5)).admitted);
      expect(admitted.filter(Boolean)).toHaveLength(4);
      expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
      relay.thaw();
      await waitFor(() => a!.link.up);
    } finally {
      await relay.stop();
    }
  });

  it('starts on local state when Redis is not reachable at startup', async () => {
    const relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    await relay.stop();
    const { lines, logger } = collectingLogger();
    const state = await createRedisState({ url: `redis://127.0.0.1:${relay.port}`, now: Date.now, keyPrefix: namespace.prefix, logger, connectTimeoutMs: 300, probeIntervalMs: 50 });
    states.push(state);
    try {
      expect(state.link.up).toBe(false);
      expect((await state.usage.acquireRequest('d', 1)).admitted).toBe(true);
      expect((await state.usage.acquireRequest('d', 1)).admitted).toBe(false);
      expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
      await relay.start();
      await waitFor(() => state.link.up);
    } finally {
      await relay.stop();
    }
  });
});

