/**
 * Router state in Redis, shared by every instance pointing at the same server, with a
 * local twin for each counter that takes over while Redis is unreachable. Loaded only when
 * router_settings configure Redis, so single-instance deployments never import ioredis.
 */
import { randomUUID } from 'node:crypto';
import type { RouterState, StateOptions } from '../router-state.ts';
import { createMemoryState } from '../memory/create-memory-state.ts';
import { RedisCooldowns } from './redis-cooldowns.ts';
import { RedisInFlight } from './redis-in-flight.ts';
import { RedisLatency } from './redis-latency.ts';
import { RedisLink, type RedisLinkOptions } from './redis-link.ts';
import { RedisUsageCounters } from './redis-usage-counters.ts';

/** Options of the Redis-backed state. */
export interface RedisStateOptions extends StateOptions, RedisLinkOptions {
  /** Prefix of every key (default `litegate:`), so several gateways can share one Redis. */
  readonly keyPrefix?: string;
  /** Identifies this process in the in-flight hashes (default: a random UUID). */
  readonly instanceId?: string;
  /** How long startup waits for the first connection before routing on local state. */
  readonly connectTimeoutMs?: number;
}

/** The Redis-backed state plus its link (tests use the link to observe outages). */
export interface RedisState extends RouterState {
  readonly link: RedisLink;
}

/** Connects (waiting at most connectTimeoutMs) and returns the Redis-backed state. */
export async function createRedisState(options: RedisStateOptions): Promise<RedisState> {
  const prefix = options.keyPrefix ?? 'litegate:';
  const local = createMemoryState(options);
  const link = new RedisLink(options);
  await link.ready(options.connectTimeoutMs ?? 2000);
  if (!link.up) link.markDown(new Error('not reachable at startup'));
  const inFlight = new RedisInFlight(link, local.inFlight, prefix, options.instanceId ?? randomUUID(), options.now);
  return {
    kind: 'redis',
    link,
    usage: new RedisUsageCounters(link, local.usage, prefix, options.now),
    inFlight,
    latency: new RedisLatency(link, local.latency, prefix, options.maxLatencySamples, options.latencyTtlSeconds),
    cooldowns: new RedisCooldowns(link, local.cooldowns, prefix, options.now),
    async close() {
      await inFlight.close();
      await link.close();
    },
  };
}
