/**
 * Latency samples in Redis, shared by every instance:
 *   <prefix>latency:{<group>}:<deployment id>:<latency|ttft>   list of seconds, newest first,
 * trimmed to max_latency_list_size and expiring `ttl` seconds after the last sample.
 */
import type { LatencyKind, LatencyStats } from '../router-state.ts';
import type { MemoryLatency } from '../memory/memory-latency.ts';
import type { RedisLink } from './redis-link.ts';

/** Latency samples shared through Redis lists. */
export class RedisLatency implements LatencyStats {
  readonly #link: RedisLink;
  readonly #local: MemoryLatency;
  readonly #prefix: string;
  readonly #maxSamples: number;
  readonly #ttlMs: number;

  constructor(link: RedisLink, local: MemoryLatency, prefix: string, maxSamples = 10, ttlSeconds = 3600) {
    this.#link = link;
    this.#local = local;
    this.#prefix = prefix;
    this.#maxSamples = maxSamples;
    this.#ttlMs = ttlSeconds * 1000;
  }

  read(group: string, ids: readonly string[], kind: LatencyKind): Promise<number[][]> {
    return this.#link.either(
      async (client) => {
        const pipeline = client.pipeline();
        for (const id of ids) pipeline.lrange(this.#key(group, id, kind), 0, this.#maxSamples - 1);
        const replies = (await pipeline.exec()) ?? [];
        return ids.map((id, index) => {
          const [error, values] = replies[index] ?? [new Error('no reply'), null];
          if (error) throw error;
          const shared = (values as string[]).map(Number);
          return shared.length > 0 ? shared : this.#local.readNow(group, id, kind);
        });
      },
      () => ids.map((id) => this.#local.readNow(group, id, kind)),
    );
  }

  record(group: string, id: string, kind: LatencyKind, seconds: number): void {
    this.#local.record(group, id, kind, seconds);
    const key = this.#key(group, id, kind);
    this.#link.write((client) =>
      client
        .multi()
        .lpush(key, seconds)
        .ltrim(key, 0, this.#maxSamples - 1)
        .pexpire(key, this.#ttlMs)
        .exec(),
    );
  }

  #key(group: string, id: string, kind: LatencyKind): string {
    return `${this.#prefix}latency:{${group}}:${id}:${kind}`;
  }
}
