/** In-memory latency samples for one instance: a sliding list per group, deployment and kind. */
import type { LatencyKind, LatencyStats } from '../router-state.ts';

interface Samples {
  /** Newest first. */
  values: number[];
  expiresAt: number;
}

/** Latency samples per group, deployment and kind. */
export class MemoryLatency implements LatencyStats {
  readonly #now: () => number;
  readonly #maxSamples: number;
  readonly #ttlMs: number;
  readonly #samples = new Map<string, Samples>();

  constructor(now: () => number, maxSamples = 10, ttlSeconds = 3600) {
    this.#now = now;
    this.#maxSamples = maxSamples;
    this.#ttlMs = ttlSeconds * 1000;
  }

  async read(group: string, ids: readonly string[], kind: LatencyKind): Promise<number[][]> {
    return ids.map((id) => this.readNow(group, id, kind));
  }

  readNow(group: string, id: string, kind: LatencyKind): number[] {
    const key = keyOf(group, id, kind);
    const samples = this.#samples.get(key);
    if (!samples) return [];
    if (samples.expiresAt <= this.#now()) {
      this.#samples.delete(key);
      return [];
    }
    return samples.values;
  }

  record(group: string, id: string, kind: LatencyKind, seconds: number): void {
    const key = keyOf(group, id, kind);
    const current = this.readNow(group, id, kind);
    // LiteLLM (V25) freezes the first nine samples once the list is full; a window that
    // slides is what "moves away from a deployment that became slow" needs.
    const values = [seconds, ...current].slice(0, this.#maxSamples);
    this.#samples.set(key, { values, expiresAt: this.#now() + this.#ttlMs });
  }
}

function keyOf(group: string, id: string, kind: LatencyKind): string {
  return `${group}\u0000${id}\u0000${kind}`;
}
