/** In-memory in-flight counts for one instance. */
import type { InFlightCounters } from '../router-state.ts';

/** In-flight counts per deployment id. */
export class MemoryInFlight implements InFlightCounters {
  readonly #counts = new Map<string, number>();

  async read(ids: readonly string[]): Promise<number[]> {
    return ids.map((id) => this.readNow(id));
  }

  readNow(id: string): number {
    return this.#counts.get(id) ?? 0;
  }

  increment(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
  }

  decrement(id: string): void {
    const next = (this.#counts.get(id) ?? 0) - 1;
    // Never below zero: a decrement for a request counted before a restart is harmless.
    if (next <= 0) this.#counts.delete(id);
    else this.#counts.set(id, next);
  }
}
