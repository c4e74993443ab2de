/**
 * rpm/tpm windows in Redis, shared by every instance. Keys (see README, routing):
 *   <prefix>rpm:{<deployment id>}              sorted set: one member per request, scored by its time (ms)
 *   <prefix>tpm:{<deployment id>}:<bucket>     tokens in a 10-second bucket (expires after 80 s)
 * The limit check and the count run in one Lua script, so instances never admit more than
 * the limit between them.
 */
import { randomUUID } from 'node:crypto';
import type { RequestAdmission, UsageCounters, UsageWindow } from '../router-state.ts';
import type { MemoryUsageCounters } from '../memory/memory-usage-counters.ts';
import { BUCKET_MS, BUCKET_TTL_MS, WINDOW_MS, windowLayout, windowTotal } from '../sliding-window.ts';
import { luaScript, type RedisLink } from './redis-link.ts';

// KEYS[1]: the request log. ARGV: now ms, window ms, limit (-1 = none), unique member.
const ACQUIRE = luaScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if limit >= 0 and count >= limit then return {0, count} end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + 1}
`);

/** rpm/tpm windows shared through Redis. */
export class RedisUsageCounters implements UsageCounters {
  readonly #link: RedisLink;
  readonly #local: MemoryUsageCounters;
  readonly #prefix: string;
  readonly #now: () => number;
  /** Makes request-log members unique across instances and within one millisecond. */
  readonly #memberPrefix = randomUUID().slice(0, 8);
  #sequence = 0;

  constructor(link: RedisLink, local: MemoryUsageCounters, prefix: string, now: () => number) {
    this.#link = link;
    this.#local = local;
    this.#prefix = prefix;
    this.#now = now;
  }

  read(ids: readonly string[]): Promise<UsageWindow[]> {
    const local = () => ids.map((id) => this.#local.readNow(id));
    if (ids.length === 0) return Promise.resolve([]);
    const now = this.#now();
    const layout = windowLayout(now);
    return this.#link.either(async (client) => {
      const pipeline = client.pipeline();
      for (const id of ids) {
        pipeline.zcount(this.#requestsKey(id), `(${now - WINDOW_MS}`, '+inf');
        pipeline.mget(layout.buckets.map((bucket) => this.#tokensKey(id, bucket)));
      }
      const replies = (await pipeline.exec()) ?? [];
      return ids.map((id, index) => {
        const [requestsError, requests] = replies[index * 2] ?? [new Error('no reply'), 0];
        const [tokensError, buckets] = replies[index * 2 + 1] ?? [new Error('no reply'), []];
        if (requestsError) throw requestsError;
        if (tokensError) throw tokensError;
        const shared = {
          requests: Number(requests),
          tokens: windowTotal((buckets as (string | null)[]).map((value) => Number(value ?? 0)), layout.oldestWeight),
        };
        // After an outage this instance may have counted traffic Redis never saw.
        const mine = this.#local.readNow(id);
        return { requests: Math.max(shared.requests, mine.requests), tokens: Math.max(shared.tokens, mine.tokens) };
      });
    }, local);
  }

  acquireRequest(id: string, limit?: number): Promise<RequestAdmission> {
    const now = this.#now();
    return this.#link.either(
      async () => {
        const member = `${now}:${this.#memberPrefix}:${(this.#sequence = (this.#sequence + 1) % 1e9)}`;
        const reply = (await this.#link.script(ACQUIRE, [this.#requestsKey(id)], [now, WINDOW_MS, limit ?? -1, member])) as [number, number];
        const admitted = reply[0] === 1;
        // Mirror admitted requests locally so an outage starts from this instance's share.
        if (admitted) this.#local.acquireNow(id);
        return { admitted, requests: reply[1] };
      },
      () => this.#local.acquireNow(id, limit),
    );
  }

  addTokens(id: string, tokens: number): void {
    if (!(tokens > 0)) return;
    this.#local.addTokens(id, tokens);
    const key = this.#tokensKey(id, Math.floor(this.#now() / BUCKET_MS));
    this.#link.write((client) => client.multi().incrby(key, tokens).pexpire(key, BUCKET_TTL_MS).exec());
  }

  #requestsKey(id: string): string {
    return `${this.#prefix}rpm:{${id}}`;
  }

  #tokensKey(id: string, bucket: number): string {
    return `${this.#prefix}tpm:{${id}}:${bucket}`;
  }
}
