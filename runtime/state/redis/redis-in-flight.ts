/**
 * In-flight counts in Redis. Each instance owns one hash and writes its own absolute counts
 * (never INCR/DECR), so a count lost in an outage or a crash heals on the next write:
 *   <prefix>inflight:<instance id>   hash deployment id → requests in flight on that instance
 *   <prefix>instances                sorted set instance id → last heartbeat (ms)
 * Readers sum the hashes of instances seen in the last 30 s, in one Lua script.
 */
import type { InFlightCounters } from '../router-state.ts';
import type { MemoryInFlight } from '../memory/memory-in-flight.ts';
import { luaScript, type RedisLink } from './redis-link.ts';

const STALE_MS = 30_000;
const HEARTBEAT_MS = 10_000;

// KEYS[1]: instances zset. ARGV: now, stale ms, hash prefix, then deployment ids.
const READ = luaScript(`
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
local instances = redis.call('ZRANGE', KEYS[1], 0, -1)
local totals = {}
for i = 4, #ARGV do totals[i - 3] = 0 end
for _, instance in ipairs(instances) do
  for i = 4, #ARGV do
    local value = redis.call('HGET', ARGV[3] .. instance, ARGV[i])
    if value then totals[i - 3] = totals[i - 3] + tonumber(value) end
  end
end
return totals
`);

/** In-flight counts shared through per-instance hashes. */
export class RedisInFlight implements InFlightCounters {
  readonly #link: RedisLink;
  readonly #local: MemoryInFlight;
  readonly #prefix: string;
  readonly #instance: string;
  readonly #now: () => number;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #known = new Set<string>();

  constructor(link: RedisLink, local: MemoryInFlight, prefix: string, instance: string, now: () => number) {
    this.#link = link;
    this.#local = local;
    this.#prefix = prefix;
    this.#instance = instance;
    this.#now = now;
    this.#heartbeat = setInterval(() => this.#publishAll(), HEARTBEAT_MS);
    this.#heartbeat.unref();
    this.#publishAll();
  }

  read(ids: readonly string[]): Promise<number[]> {
    return this.#link.either(
      async () => {
        const reply = (await this.#link.script(READ, [`${this.#prefix}instances`], [this.#now(), STALE_MS, `${this.#prefix}inflight:`, ...ids])) as number[];
        return ids.map((_, index) => Number(reply[index] ?? 0));
      },
      () => ids.map((id) => this.#local.readNow(id)),
    );
  }

  increment(id: string): void {
    this.#local.increment(id);
    this.#publish(id);
  }

  decrement(id: string): void {
    this.#local.decrement(id);
    this.#publish(id);
  }

  /** Stops the heartbeat and removes this instance's counts. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    if (!this.#link.up) return;
    await this.#link.client
      .multi()
      .del(this.#hash())
      .zrem(`${this.#prefix}instances`, this.#instance)
      .exec()
      .catch(() => {});
  }

  #publish(id: string): void {
    this.#known.add(id);
    const count = this.#local.readNow(id);
    const hash = this.#hash();
    this.#link.write((client) => client.multi().hset(hash, id, count).pexpire(hash, STALE_MS).zadd(`${this.#prefix}instances`, this.#now(), this.#instance).exec());
  }

  #publishAll(): void {
    const hash = this.#hash();
    this.#link.write((client) => {
      const transaction = client.multi().del(hash);
      for (const id of this.#known) transaction.hset(hash, id, this.#local.readNow(id));
      return transaction.pexpire(hash, STALE_MS).zadd(`${this.#prefix}instances`, this.#now(), this.#instance).exec();
    });
  }

  #hash(): string {
    return `${this.#prefix}inflight:${this.#instance}`;
  }
}
