/** In-memory deployment cooldowns for one instance. */
import type { CooldownEntry, CooldownStore } from '../router-state.ts';

/** Cooldown entries per deployment id, dropped once expired. */
export class MemoryCooldowns implements CooldownStore {
  readonly #now: () => number;
  readonly #entries = new Map<string, CooldownEntry>();

  constructor(now: () => number) {
    this.#now = now;
  }

  async cooling(ids: readonly string[]): Promise<Map<string, CooldownEntry>> {
    return this.coolingNow(ids);
  }

  coolingNow(ids: readonly string[]): Map<string, CooldownEntry> {
    const result = new Map<string, CooldownEntry>();
    if (this.#entries.size === 0) return result;
    const now = this.#now();
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      if (entry.until <= now) this.#entries.delete(id);
      else result.set(id, entry);
    }
    return result;
  }

  async coolDown(id: string, entry: CooldownEntry): Promise<void> {
    this.coolDownNow(id, entry);
  }

  coolDownNow(id: string, entry: CooldownEntry): void {
    const existing = this.#entries.get(id);
    // LiteLLM may keep an earlier, shorter deadline when re-cooling (#40130); keep the later one.
    if (existing && existing.until >= entry.until && existing.until > this.#now()) return;
    this.#entries.set(id, entry);
  }
}
