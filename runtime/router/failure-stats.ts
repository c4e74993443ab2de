/**
 * Per-deployment success/failure counts that feed the cooldown decision. Kept in this
 * process only, as LiteLLM keeps them in memory: each instance judges the calls it made;
 * the resulting cooldown is what gets shared.
 */

interface Window {
  start: number;
  successes: number;
  fails: number;
}

interface FailCount {
  start: number;
  count: number;
}

/** Counts in a minute window and a separate failure count for allowed_fails. */
export class FailureStats {
  readonly #now: () => number;
  readonly #minute = new Map<string, Window>();
  readonly #allowed = new Map<string, FailCount>();

  constructor(now: () => number) {
    this.#now = now;
  }

  recordSuccess(id: string): void {
    this.#window(id).successes += 1;
  }

  /**
   * Counts a failure; returns the minute's counts (this failure included) and the number
   * of failures within the last `countingWindowMs` (the allowed_fails window, which LiteLLM
   * sets to cooldown_time).
   */
  recordFailure(id: string, countingWindowMs: number): { successes: number; fails: number; recentFails: number } {
    const window = this.#window(id);
    window.fails += 1;
    const now = this.#now();
    let count = this.#allowed.get(id);
    if (!count || now - count.start >= countingWindowMs) {
      count = { start: now, count: 0 };
      this.#allowed.set(id, count);
    }
    count.count += 1;
    return { successes: window.successes, fails: window.fails, recentFails: count.count };
  }

  /** Forgets a deployment's counts once it has been cooled down (a fresh start after it). */
  reset(id: string): void {
    this.#minute.delete(id);
    this.#allowed.delete(id);
  }

  #window(id: string): Window {
    const now = this.#now();
    let window = this.#minute.get(id);
    // Fixed window from the first call, like LiteLLM's 60 s TTL counters.
    if (!window || now - window.start >= 60_000) {
      window = { start: now, successes: 0, fails: 0 };
      this.#minute.set(id, window);
    }
    return window;
  }
}
