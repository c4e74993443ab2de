/**
 * Per-deployment concurrency slots (max_parallel_requests). As in LiteLLM V25, a request
 * waits for a slot rather than failing; waiting ends early when the client goes away.
 * Slots are per instance (LiteLLM's are per process too).
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';

/** Releases a slot; calling it twice is harmless. */
export type ReleaseSlot = () => void;

const noop: ReleaseSlot = () => {};

/**
 * The slot count LiteLLM derives for a deployment: max_parallel_requests, else rpm, else
 * tpm/1000×6 (at least 1), else default_max_parallel_requests, else unlimited.
 */
export function parallelLimit(deployment: Deployment, defaultLimit: number | undefined): number | undefined {
  if (deployment.maxParallelRequests !== undefined) return deployment.maxParallelRequests;
  if (deployment.rpm !== undefined) return deployment.rpm;
  if (deployment.tpm !== undefined) return Math.max(1, Math.floor((deployment.tpm / 1000) * 6));
  return defaultLimit;
}

interface Slots {
  active: number;
  readonly waiting: (() => void)[];
}

/** FIFO slots per deployment id. */
export class ConcurrencyLimiter {
  readonly #slots = new Map<string, Slots>();

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  async acquire(id: string, limit: number | undefined, signal: AbortSignal): Promise<ReleaseSlot> {
    if (limit === undefined) return noop;
    let slots = this.#slots.get(id);
    if (!slots) {
      slots = { active: 0, waiting: [] };
      this.#slots.set(id, slots);
    }
    if (slots.active >= limit) {
      const queue = slots.waiting;
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = queue.indexOf(wake);
          if (index >= 0) queue.splice(index, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        queue.push(wake);
      });
    } else {
      slots.active += 1;
    }
    const held = slots;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter so a burst cannot overtake the queue.
      const next = held.waiting.shift();
      if (next) next();
      else held.active -= 1;
    };
  }

  /** Slots in use for `id` (for tests and diagnostics). */
  active(id: string): number {
    return this.#slots.get(id)?.active ?? 0;
  }
}
