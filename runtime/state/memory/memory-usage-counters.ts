/** In-memory rpm/tpm windows for one instance (see ../sliding-window.ts for the windows). */
import type { RequestAdmission, UsageCounters, UsageWindow } from '../router-state.ts';
import { BUCKET_COUNT, BUCKET_MS, WINDOW_MS, windowLayout, windowTotal } from '../sliding-window.ts';

interface Usage {
  /** Request timestamps, oldest first; entries before `head` have slid out. */
  readonly requests: number[];
  head: number;
  /** Bucket number held in each token slot (slot = bucket mod BUCKET_COUNT). */
  readonly bucketNumbers: number[];
  readonly tokens: number[];
}

/** rpm (exact sliding log) and tpm (10-second buckets) per deployment id. */
export class MemoryUsageCounters implements UsageCounters {
  readonly #now: () => number;
  readonly #byId = new Map<string, Usage>();

  constructor(now: () => number) {
    this.#now = now;
  }

  async read(ids: readonly string[]): Promise<UsageWindow[]> {
    return ids.map((id) => this.readNow(id));
  }

  /** Synchronous read (the Redis implementation uses it when it falls back to local state). */
  readNow(id: string): UsageWindow {
    const usage = this.#byId.get(id);
    if (!usage) return { requests: 0, tokens: 0 };
    const now = this.#now();
    const layout = windowLayout(now);
    return {
      requests: this.#slide(usage, now),
      tokens: windowTotal(
        layout.buckets.map((bucket) => (usage.bucketNumbers[slotOf(bucket)] === bucket ? usage.tokens[slotOf(bucket)]! : 0)),
        layout.oldestWeight,
      ),
    };
  }

  async acquireRequest(id: string, limit?: number): Promise<RequestAdmission> {
    return this.acquireNow(id, limit);
  }

  acquireNow(id: string, limit?: number): RequestAdmission {
    const usage = this.#usage(id);
    const now = this.#now();
    const current = this.#slide(usage, now);
    if (limit !== undefined && current >= limit) return { admitted: false, requests: current };
    usage.requests.push(now);
    return { admitted: true, requests: current + 1 };
  }

  addTokens(id: string, tokens: number): void {
    if (!(tokens > 0)) return;
    const usage = this.#usage(id);
    const bucket = Math.floor(this.#now() / BUCKET_MS);
    const slot = slotOf(bucket);
    if (usage.bucketNumbers[slot] !== bucket) {
      usage.bucketNumbers[slot] = bucket;
      usage.tokens[slot] = 0;
    }
    usage.tokens[slot]! += tokens;
  }

  #usage(id: string): Usage {
    let usage = this.#byId.get(id);
    if (!usage) {
      usage = { requests: [], head: 0, bucketNumbers: new Array(BUCKET_COUNT).fill(-1), tokens: new Array(BUCKET_COUNT).fill(0) };
      this.#byId.set(id, usage);
    }
    return usage;
  }

  /** Drops requests older than the window; returns how many remain. */
  #slide(usage: Usage, now: number): number {
    const requests = usage.requests;
    while (usage.head < requests.length && requests[usage.head]! <= now - WINDOW_MS) usage.head += 1;
    // Compact now and then instead of shifting on every request.
    if (usage.head > 1024 && usage.head * 2 > requests.length) {
      requests.splice(0, usage.head);
      usage.head = 0;
    }
    return requests.length - usage.head;
  }
}

function slotOf(bucket: number): number {
  return ((bucket % BUCKET_COUNT) + BUCKET_COUNT) % BUCKET_COUNT;
}
