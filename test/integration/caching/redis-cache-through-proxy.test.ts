/**
 * The Redis-backed response cache through real proxies against real Redis
 * (fixtures/services): one cache shared by two proxy instances, the seed guide's
 * router-level form (router_settings redis_host/redis_port + cache_responses +
 * cache_kwargs.ttl), and a Redis outage that never fails a request.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redisForTests, withSkipReason, type RedisNamespace } from '../../../fixtures/services/index.ts';
import { createLogger } from '../../../runtime/server/logger.ts';
import { TcpRelay } from '../../runtime/state/tcp-relay.ts';
import { startCachingStack } from './caching-fixture.ts';

const redis = await redisForTests();
const redisService = redis.available ? redis.service : undefined;

const models = `
model_list:
  - model_name: gpt
    litellm_params: { model: openai/sim-gpt, api_key: sk-test }
`;

function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379) };
}

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { lines, logger: createLogger('json', sink, 'warn') };
}

describe.skipIf(!redis.available)(withSkipReason('Redis response cache through the proxy', redis), () => {
  let namespace: RedisNamespace;
  let client: Redis;

  beforeEach(() => {
    namespace = redisService!.namespace('cache-proxy');
    client = new Redis(namespace.url);
  });
  afterEach(async () => {
    client.disconnect();
    await namespace.cleanup();
  });

  it('an answer cached through one instance is served by another (cache_params type redis)', async () => {
    const { host, port } = hostAndPort(namespace.url);
    const stack = await startCachingStack(`${models}
litellm_settings:
  cache: true
  cache_params: { type: redis, host: ${host}, port: ${port}, namespace: team-a, ttl: 120 }
`, { instances: 2, keyPrefix: namespace.prefix });
    try {
      const [a, b] = stack.proxies;
      const request = { model: 'gpt', messages: [{ role: 'user', content: 'shared across instances' }] };
      const first = await stack.chat(request, a);
      const second = await stack.chat(request, b);
      expect(second.headers.get('x-litellm-cache-key')).toMatch(/^team-a:[0-9a-f]{64}$/);
      expect(second.body).toEqual(first.body);
      expect(stack.simulator.callCount).toBe(1);
      const key = namespace.key(second.headers.get('x-litellm-cache-key')!);
      const stored = JSON.parse((await client.get(key))!) as { timestamp: number; response: unknown };
      expect(stored.response).toEqual(first.body);
      expect(await client.ttl(key)).toBeGreaterThan(100);
    } finally {
      await stack.close();
    }
  });

  it("the seed guide's router_settings form (redis_host, cache_responses, cache_kwargs.ttl) caches in Redis", async () => {
    const { host, port } = hostAndPort(namespace.url);
    const stack = await startCachingStack(`${models}
router_settings:
  redis_host: ${host}
  redis_port: ${port}
  cache_responses: true
  cache_kwargs:
    ttl: 3600
`, { instances: 2, keyPrefix: namespace.prefix });
    try {
      expect(stack.proxy.runtime.responseCache?.backend.kind).toBe('redis');
      const request = { model: 'gpt', messages: [{ role: 'user', content: 'from the seed guide' }], stream: true };
      await stack.chat(request, stack.proxies[0]);
      const replayed = await stack.chat(request, stack.proxies[1]);
      expect(replayed.headers.get('x-litellm-cache-key')).not.toBeNull();
      expect(stack.simulator.callCount).toBe(1);
      const ttl = await client.ttl(namespace.key(replayed.headers.get('x-litellm-cache-key')!));
      expect(ttl).toBeGreaterThan(3500);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      await stack.close();
    }
  });

  it('keeps answering while Redis is away (every request goes upstream), logging the outage once', async () => {
    const relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    const { lines, logger } = capturingLogger();
    const stack = await startCachingStack(`${models}
litellm_settings:
  cache: true
  cache_params: { type: redis, host: 127.0.0.1, port: ${relay.port} }
`, { keyPrefix: namespace.prefix, logger });
    try {
      const request = { model: 'gpt', messages: [{ role: 'user', content: 'redis outage' }] };
      await stack.chat(request);
      expect((await stack.chat(request)).headers.get('x-litellm-cache-key')).not.toBeNull();
      await relay.stop();
      for (let round = 0; round < 4; round += 1) {
        const answer = await stack.chat(request);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-litellm-cache-key')).toBeNull();
      }
      expect(stack.simulator.callCount).toBe(5);
      const outages = lines.filter((line) => line.level === 40 && line.msg.includes('response cache lookups miss'));
      expect(outages).toHaveLength(1);
    } finally {
      await stack.close();
      await relay.stop();
    }
  });
});
