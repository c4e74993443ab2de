/**
 * Spend not yet written to the database. Requests add to it on the hot path (a map update
 * and an array push); the flusher takes everything as one batch and either settles it
 * (written) or hands it back (the database failed), so a blip delays writes but loses
 * nothing. Per-key spend increments are summed per key, so they stay as small as the set
 * of keys in use and are never dropped; spend-log rows are bounded (`maxLogRows`), oldest
 * dropped first and counted, so a long outage cannot exhaust memory.
 */

/** One request, as a `LiteLLM_SpendLogs` row. */
export interface SpendLogRow {
  readonly requestId: string;
  readonly callType: string;
  /** SHA-256 of the virtual key. */
  readonly apiKey: string;
  readonly spend: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly startTime: Date;
  readonly endTime: Date;
  readonly model: string | null;
  readonly modelId: string | null;
  readonly modelGroup: string | null;
  readonly provider: string | null;
  readonly status: 'success' | 'failure';
  readonly statusCode: number;
  readonly cacheHit: boolean;
}

/** What one flush writes. */
export interface SpendBatch {
  /** USD to add, by key hash. */
  readonly spend: ReadonlyMap<string, number>;
  readonly logs: readonly SpendLogRow[];
}

/** Default bound on unwritten spend-log rows. */
export const defaultMaxLogRows = 100_000;

/** Pending spend and spend logs, with at most one batch being written at a time. */
export class SpendQueue {
  #spend = new Map<string, number>();
  #logs: SpendLogRow[] = [];
  #writing: SpendBatch | undefined;
  readonly #maxLogRows: number;
  /** Spend-log rows dropped because the bound was reached (their spend was kept). */
  droppedLogRows = 0;

  constructor(maxLogRows = defaultMaxLogRows) {
    this.#maxLogRows = Math.max(1, maxLogRows);
  }

  /** Queues one request's spend (when `cost` > 0) and its log row (when given). */
  add(keyHash: string, cost: number, log: SpendLogRow | undefined): void {
    if (cost > 0) this.#spend.set(keyHash, (this.#spend.get(keyHash) ?? 0) + cost);
    if (log !== undefined) {
      this.#logs.push(log);
      this.#trim();
    }
  }

  /** True when nothing waits to be written (and no batch is out). */
  get empty(): boolean {
    return this.#spend.size === 0 && this.#logs.length === 0 && this.#writing === undefined;
  }

  /** Rows waiting, including a batch being written. */
  get pendingLogRows(): number {
    return this.#logs.length + (this.#writing?.logs.length ?? 0);
  }

  /** Unwritten spend of a key (queued plus being written): what the database does not show yet. */
  pendingSpend(keyHash: string): number {
    return (this.#spend.get(keyHash) ?? 0) + (this.#writing?.spend.get(keyHash) ?? 0);
  }

  /** Takes everything queued as the batch to write; undefined when empty or a batch is already out. */
  take(): SpendBatch | undefined {
    if (this.#writing !== undefined || (this.#spend.size === 0 && this.#logs.length === 0)) return undefined;
    const batch: SpendBatch = { spend: this.#spend, logs: this.#logs };
    this.#spend = new Map();
    this.#logs = [];
    this.#writing = batch;
    return batch;
  }

  /** The batch was written. */
  done(batch: SpendBatch): void {
    if (this.#writing === batch) this.#writing = undefined;
  }

  /** The batch was not written: its spend and rows go back in front of what came since. */
  failed(batch: SpendBatch): void {
    if (this.#writing !== batch) return;
    this.#writing = undefined;
    for (const [key, cost] of batch.spend) this.#spend.set(key, (this.#spend.get(key) ?? 0) + cost);
    this.#logs = batch.logs.concat(this.#logs);
    this.#trim();
  }

  #trim(): void {
    const excess = this.#logs.length - this.#maxLogRows;
    if (excess <= 0) return;
    this.#logs.splice(0, excess);
    this.droppedLogRows += excess;
  }
}
