/**
 * Virtual keys at run time (litellm-config.md §10): checks a presented key (hash lookup,
 * cached for `user_api_key_cache_ttl`), enforces blocked / expired / models / budget /
 * rpm-tpm-parallel limits, and records each request's spend and spend-log row into a
 * queue that is written in batches every `proxy_batch_write_at` seconds and on shutdown.
 *
 * Database trouble: a key found in the cache keeps working; a key that must be read fails
 * closed (503) unless `allow_requests_on_db_unavailable`; spend that cannot be written
 * stays queued and is retried on the next tick (spend-queue.ts).
 */
import type { Operation } from '../providers/adapter.ts';
import type { RequestRecord } from '../metrics/request-recorder.ts';
import type { ClientError } from '../server/openai-error.ts';
import { blockedKey, budgetExceeded, databaseUnavailable, expiredKey, invalidKey, modelNotAllowed, rateLimited, type KeyRefusal } from './key-errors.ts';
import type { KeyFields } from './key-fields.ts';
import { KeyRateLimits, type KeyLimits } from './key-rate-limits.ts';
import type { KeyRecord } from './key-record.ts';
import { abbreviateKey, generateKey, hashKey } from './key-token.ts';
import type { PostgresKeyStore, SpendLogQuery } from './postgres-key-store.ts';
import { SpendQueue, type SpendLogRow } from './spend-queue.ts';

/** Resolved store settings (defaults are LiteLLM's). */
export interface VirtualKeySettings {
  /** proxy_batch_write_at in ms (default 10 000). */
  readonly batchWriteMs: number;
  /** user_api_key_cache_ttl in ms (default 60 000). */
  readonly cacheTtlMs: number;
  readonly disableSpendLogs: boolean;
  readonly disableSpendUpdates: boolean;
  readonly allowRequestsOnDbUnavailable: boolean;
  /** general_settings.max_parallel_requests: for keys without their own. */
  readonly defaultMaxParallelRequests: number | null;
  /** `host:port/db`, for messages. */
  readonly databaseName: string;
}

/** Where store events are logged (the proxy's pino logger fits). */
export interface StoreLogger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** The answer to a presented key: a grant to proceed, or a refusal to send. */
export type Admission = { readonly grant: KeyGrant } | KeyRefusal;

interface CachedKey {
  readonly record: KeyRecord;
  readonly expiresAt: number;
  /** Spend this process added since the row was read (the row's `spend` does not show it). */
  localSpend: number;
}

// LiteLLM's spend-log call types for the operations served here.
const callTypes: Readonly<Record<Operation, string>> = { chat: 'acompletion', completion: 'atext_completion', embedding: 'aembedding' };

/** True when `model` is one of `allowed` (empty = all; `*` patterns and LiteLLM's `all-proxy-models` count). */
export function modelAllowed(model: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  for (const entry of allowed) {
    if (entry === model || entry === '*' || entry === 'all-proxy-models') return true;
    if (entry.endsWith('*') && model.startsWith(entry.slice(0, -1))) return true;
  }
  return false;
}

/**
 * One request made with a virtual key: holds its parallel slot and carries the key to
 * the spend record. `finish` and `release` are idempotent.
 */
export class KeyGrant {
  readonly keyHash: string;
  readonly keyName: string;
  /** Undefined when the database was down and allow_requests_on_db_unavailable let it in. */
  readonly record: KeyRecord | undefined;
  readonly #keys: VirtualKeys;
  readonly #holdsSlot: boolean;
  #released = false;
  #tokens = 0;

  constructor(keys: VirtualKeys, keyHash: string, keyName: string, record: KeyRecord | undefined, holdsSlot: boolean) {
    this.#keys = keys;
    this.keyHash = keyHash;
    this.keyName = keyName;
    this.record = record;
    this.#holdsSlot = holdsSlot;
  }

  /** The 401 to send when the key may not call `model`. */
  checkModel(model: string): ClientError | undefined {
    const allowed = this.record?.models;
    return allowed === undefined || modelAllowed(model, allowed) ? undefined : modelNotAllowed(model, allowed);
  }

  /** Records the finished request (spend, log row, tokens for tpm); `record` is the recorder's. */
  finish(operation: Operation, record: RequestRecord | undefined): void {
    if (record === undefined) return;
    this.#tokens = (record.promptTokens ?? 0) + (record.completionTokens ?? 0);
    this.#keys.recordSpend(this, operation, record);
  }

  /** Frees the parallel slot (and counts the tokens towards tpm). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#holdsSlot) this.#keys.limits.release(this.keyHash, this.#tokens);
  }
}

/** The virtual-key service of one proxy process. */
export class VirtualKeys {
  readonly store: PostgresKeyStore;
  readonly settings: VirtualKeySettings;
  readonly limits: KeyRateLimits;
  readonly queue: SpendQueue;
  readonly #logger: StoreLogger;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedKey>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<boolean> | undefined;
  /** True while writes fail, so an outage is logged once and its end once. */
  #writeFailing = false;

  constructor(store: PostgresKeyStore, settings: VirtualKeySettings, options: { readonly logger: StoreLogger; readonly now?: () => number; readonly maxLogRows?: number }) {
    this.store = store;
    this.settings = settings;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.limits = new KeyRateLimits(this.#now);
    this.queue = new SpendQueue(options.maxLogRows);
  }

  /** Starts the periodic spend writer (and budget reset). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.flush(), this.settings.batchWriteMs);
    // The writer alone must not keep a process alive; close() does the last flush.
    this.#timer.unref();
  }

  // ── auth ──

  /** Checks a key for an LLM request and takes a rate-limit slot; the grant must be released. */
  async admit(presentedKey: string): Promise<Admission> {
    return this.#check(presentedKey, true);
  }

  /** Checks a key for a read-only route (/v1/models, /health): validity only, no limits counted. */
  async verify(presentedKey: string): Promise<Admission> {
    return this.#check(presentedKey, false);
  }

  async #check(presentedKey: string, countLimits: boolean): Promise<Admission> {
    // LiteLLM only looks up keys that look like its keys (§10).
    if (!presentedKey.startsWith('sk-')) return invalidKey();
    const keyHash = hashKey(presentedKey);
    const keyName = abbreviateKey(presentedKey);
    let cached: CachedKey | undefined;
    try {
      cached = await this.#lookup(keyHash);
    } catch (error) {
      if (this.settings.allowRequestsOnDbUnavailable) {
        this.#logger.warn({ err: errorText(error), key: keyName }, 'virtual-key database unavailable; request let through (allow_requests_on_db_unavailable)');
        return { grant: new KeyGrant(this, keyHash, keyName, undefined, false) };
      }
      this.#logger.error({ err: errorText(error), key: keyName }, 'virtual-key database unavailable; request refused');
      return databaseUnavailable(this.settings.databaseName);
    }
    if (cached === undefined) return invalidKey();
    const record = cached.record;
    const now = this.#now();
    if (record.blocked) return blockedKey();
    if (record.expires !== null && record.expires.getTime() <= now) return expiredKey(record.expires, new Date(now));
    if (record.maxBudget !== null && countLimits) {
      const spend = this.#currentSpend(cached, now);
      if (spend >= record.maxBudget) return budgetExceeded(record.keyName, spend, record.maxBudget);
    }
    if (!countLimits) return { grant: new KeyGrant(this, keyHash, record.keyName, record, false) };
    const limits: KeyLimits = {
      rpmLimit: record.rpmLimit,
      tpmLimit: record.tpmLimit,
      maxParallelRequests: record.maxParallelRequests ?? this.settings.defaultMaxParallelRequests,
    };
    const refusal = this.limits.admit(keyHash, limits);
    if (refusal !== undefined) return rateLimited(record.keyName, refusal);
    return { grant: new KeyGrant(this, keyHash, record.keyName, record, true) };
  }

  /** Spend to compare with max_budget: the row's (0 once its reset time passed) plus what this process added since. */
  #currentSpend(cached: CachedKey, now: number): number {
    const resetAt = cached.record.budgetResetAt;
    const stored = resetAt !== null && resetAt.getTime() <= now ? 0 : cached.record.spend;
    return stored + cached.localSpend;
  }

  async #lookup(keyHash: string): Promise<CachedKey | undefined> {
    const now = this.#now();
    const cached = this.#cache.get(keyHash);
    if (cached !== undefined && cached.expiresAt > now) return cached;
    const record = await this.store.findKey(keyHash);
    if (record === undefined) {
      this.#cache.delete(keyHash);
      return undefined;
    }
    // Spend still queued here is not in the row yet.
    const fresh: CachedKey = { record, expiresAt: now + this.settings.cacheTtlMs, localSpend: this.queue.pendingSpend(keyHash) };
    this.#cache.set(keyHash, fresh);
    if (this.#cache.size > 10_000) this.#evictExpired(now);
    return fresh;
  }

  #evictExpired(now: number): void {
    for (const [hash, entry] of this.#cache) if (entry.expiresAt <= now) this.#cache.delete(hash);
  }

  /** Drops a key from this process's cache (after update, delete, block, budget reset). */
  invalidate(keyHash: string): void {
    this.#cache.delete(keyHash);
  }

  // ── spend ──

  /** Queues a finished request's spend and log row (see KeyGrant.finish). */
  recordSpend(grant: KeyGrant, operation: Operation, record: RequestRecord): void {
    const cost = record.cost ?? 0;
    const settings = this.settings;
    if (!settings.disableSpendUpdates && cost > 0) {
      const cached = this.#cache.get(grant.keyHash);
      if (cached !== undefined) cached.localSpend += cost;
    }
    const log: SpendLogRow | undefined = settings.disableSpendLogs
      ? undefined
      : {
          requestId: record.callId,
          callType: callTypes[operation],
          apiKey: grant.keyHash,
          spend: cost,
          promptTokens: record.promptTokens ?? 0,
          completionTokens: record.completionTokens ?? 0,
          startTime: new Date(record.time - record.latencyMs),
          endTime: new Date(record.time),
          model: record.model ?? null,
          modelId: record.deploymentId ?? null,
          modelGroup: record.group ?? null,
          provider: record.provider ?? null,
          status: record.status < 400 && record.error === undefined ? 'success' : 'failure',
          statusCode: record.status,
          cacheHit: record.cacheHit,
        };
    this.queue.add(grant.keyHash, settings.disableSpendUpdates ? 0 : cost, log);
  }

  /**
   * Writes what is queued (one transaction) and runs the budget reset. Resolves true when
   * everything queued at the call was written, false when the database refused (the
   * batch stays queued for the next try). Never throws.
   */
  flush(): Promise<boolean> {
    // One flush at a time; a caller arriving during one waits for it and then runs its own.
    const previous = this.#flushing ?? Promise.resolve(true);
    const next = previous.then(() => this.#flushOnce());
    this.#flushing = next;
    void next.finally(() => {
      if (this.#flushing === next) this.#flushing = undefined;
    });
    return next;
  }

  async #flushOnce(): Promise<boolean> {
    const batch = this.queue.take();
    try {
      if (batch !== undefined) {
        await this.store.writeBatch(batch);
        this.queue.done(batch);
      }
      for (const keyHash of await this.store.resetBudgets(new Date(this.#now()))) this.invalidate(keyHash);
      if (this.#writeFailing) {
        this.#writeFailing = false;
        this.#logger.info({ database: this.settings.databaseName }, 'spend writes resumed');
      }
      return true;
    } catch (error) {
      if (batch !== undefined) this.queue.failed(batch);
      if (!this.#writeFailing) {
        this.#writeFailing = true;
        this.#logger.warn(
          { err: errorText(error), database: this.settings.databaseName, pendingLogRows: this.queue.pendingLogRows, retryInMs: this.settings.batchWriteMs },
          'spend write failed; kept in memory and retried',
        );
      }
      return false;
    }
  }

  /** Stops the writer, writes what is left (a few tries), closes the pool. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    for (let attempt = 0; attempt < 3 && !this.queue.empty; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      await this.flush();
    }
    if (!this.queue.empty) {
      this.#logger.error({ database: this.settings.databaseName, pendingLogRows: this.queue.pendingLogRows }, 'spend not written at shutdown: the database stayed unavailable');
    }
    if (this.queue.droppedLogRows > 0) this.#logger.warn({ droppedLogRows: this.queue.droppedLogRows }, 'spend-log rows dropped while the database was unavailable (their spend was kept)');
    await this.store.close();
  }

  // ── management (master key only; the HTTP side is handle-key-management.ts) ──

  /** Creates a key; the raw key is returned once and never stored. */
  async generate(fields: KeyFields, customKey?: string): Promise<{ key: string; record: KeyRecord }> {
    const key = customKey ?? generateKey();
    const record = await this.store.insertKey({ token: hashKey(key), keyName: abbreviateKey(key), fields }, new Date(this.#now()));
    return { key, record };
  }

  /** The stored key plus this process's unwritten spend. */
  async info(keyHash: string): Promise<{ record: KeyRecord; spend: number } | undefined> {
    const record = await this.store.findKey(keyHash);
    return record === undefined ? undefined : { record, spend: record.spend + this.queue.pendingSpend(keyHash) };
  }

  /** Updates a key and drops it from the cache. */
  async update(keyHash: string, fields: KeyFields): Promise<KeyRecord | undefined> {
    const record = await this.store.updateKey(keyHash, fields, new Date(this.#now()));
    this.invalidate(keyHash);
    return record;
  }

  /** Deletes keys (by hash or alias) and drops them from the cache. */
  async delete(keyHashes: readonly string[], aliases: readonly string[]): Promise<string[]> {
    const deleted = await this.store.deleteKeys(keyHashes, aliases);
    for (const keyHash of [...keyHashes, ...deleted]) this.invalidate(keyHash);
    return deleted;
  }

  /** A page of keys. */
  list(options: { readonly keyAlias?: string; readonly offset: number; readonly limit: number }): ReturnType<PostgresKeyStore['listKeys']> {
    return this.store.listKeys(options);
  }

  /** Recent spend-log rows. */
  spendLogs(query: SpendLogQuery): Promise<Record<string, unknown>[]> {
    return this.store.spendLogs(query);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
