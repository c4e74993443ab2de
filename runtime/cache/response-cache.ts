/**
 * Response caching as LiteLLM's proxy does it (litellm-config.md §8): per request, decide
 * whether to read and whether to write (mode, supported call types, the request's `cache`
 * controls), read entries younger than `s-maxage`, and store successful final responses as
 * `{"timestamp": <epoch s>, "response": …}` with the TTL the request or the config gives.
 *
 * The server calls `decide` once per request; it returns undefined when the cache plays no
 * part, so a request that neither reads nor writes pays for nothing but that check.
 */
import type { CachePlan } from '../../compiler/plan/routing-plan.ts';
import type { Operation } from '../providers/adapter.ts';
import type { CacheBackend } from './cache-backend.ts';
import { readCacheControls } from './cache-controls.ts';
import { cacheKeyHash, namespacedKey, resolveNamespace } from './cache-key.ts';
import { embeddingItems, mergeEmbeddings, splitEmbeddings } from './embedding-items.ts';

/** LiteLLM call-type names per operation (async first), as `supported_call_types` lists them. */
const callTypes: Readonly<Record<Operation, readonly string[]>> = {
  chat: ['acompletion', 'completion'],
  completion: ['atext_completion', 'text_completion'],
  embedding: ['aembedding', 'embedding'],
};

/** What one request does with the cache. */
export interface CacheDecision {
  /** The cache key (`x-litellm-cache-key`). */
  readonly key: string;
  readonly read: boolean;
  readonly write: boolean;
  /** TTL of the write in seconds; undefined = the backend's default. */
  readonly ttl: number | undefined;
  /** Oldest acceptable entry on read, in seconds. */
  readonly sMaxAge: number | undefined;
  /** The request streams: a hit is replayed as SSE, the write happens after the last chunk. */
  readonly stream: boolean;
  /** `stream_options.include_usage` was set: the replay ends with a usage chunk. */
  readonly includeUsage: boolean;
  /**
   * Embeddings with a list `input`: one key per item (LiteLLM caches them one by one);
   * `key` then names no stored entry. Undefined for every other request.
   */
  readonly itemKeys?: readonly string[];
  /** The list input the item keys were computed from (the body's `input` may be narrowed later). */
  readonly items?: readonly unknown[];
}

/** Cached items of a per-item embeddings lookup (undefined where missing). */
export type CachedItems = readonly (Record<string, unknown> | undefined)[];

/** What the lookup before routing found. */
export interface CacheLookup {
  readonly hit?: CacheEntry;
  readonly partial?: CachedItems;
  readonly missingInputs?: readonly unknown[];
}

/** A stored entry, as LiteLLM stores it. */
export interface CacheEntry {
  /** Epoch seconds of the write. */
  readonly timestamp: number;
  readonly response: Record<string, unknown>;
}

/** Options of the response cache. */
export interface ResponseCacheOptions {
  /** Milliseconds clock (default Date.now); the memory backend should share it. */
  readonly now?: () => number;
  /** Where a failed serialization or a corrupt entry is reported (default: ignored). */
  readonly onProblem?: (message: string) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Decides, reads and writes cached responses for one proxy. */
export class ResponseCache {
  readonly plan: CachePlan;
  readonly backend: CacheBackend;
  readonly #now: () => number;
  readonly #onProblem: (message: string) => void;
  readonly #ttl: number | undefined;
  readonly #operations: ReadonlySet<Operation>;

  constructor(plan: CachePlan, backend: CacheBackend, options: ResponseCacheOptions = {}) {
    this.plan = plan;
    this.backend = backend;
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem ?? (() => {});
    // A per-layer default replaces cache_params.ttl for that layer (§8 "Stored value").
    this.#ttl = (backend.kind === 'memory' ? plan.defaultInMemoryTtl : plan.defaultInRedisTtl) ?? plan.ttl;
    const supported = plan.supportedCallTypes;
    const operations = new Set<Operation>();
    for (const operation of Object.keys(callTypes) as Operation[]) {
      if (!supported || callTypes[operation].some((name) => supported.includes(name))) operations.add(operation);
    }
    this.#operations = operations;
  }

  /**
   * What this request does with the cache, or undefined when nothing. `model` is the model
   * name as requested (the key's group). Under `mode: default_off` only requests with
   * `cache: {"use-cache": true}` take part; `no-cache` skips the read, `no-store` the write.
   */
  decide(operation: Operation, body: Readonly<Record<string, unknown>>, model: string): CacheDecision | undefined {
    if (!this.#operations.has(operation)) return undefined;
    const controls = readCacheControls(body);
    if (this.plan.mode === 'default_off' && !controls.useCache) return undefined;
    const read = !controls.noCache;
    const write = !controls.noStore;
    if (!read && !write) return undefined;
    const namespace = resolveNamespace(controls.namespace, body, this.plan.namespace);
    const stream = body.stream === true && operation !== 'embedding';
    const options = body.stream_options;
    const settings = this.plan.cachingGroups ? { cachingGroups: this.plan.cachingGroups } : {};
    const items = operation === 'embedding' ? embeddingItems(body.input) : undefined;
    return {
      key: namespacedKey(cacheKeyHash(body, model, settings), namespace),
      ...(items ? { items, itemKeys: items.map((input) => namespacedKey(cacheKeyHash({ ...body, input }, model, settings), namespace)) } : {}),
      read,
      write,
      ttl: controls.ttl ?? this.#ttl,
      sMaxAge: controls.sMaxAge,
      stream,
      includeUsage: stream && isRecord(options) && options.include_usage === true,
    };
  }

  /** The cached response for a decision that reads, or undefined (miss, too old, unreadable). */
  async read(decision: CacheDecision): Promise<CacheEntry | undefined> {
    if (!decision.read) return undefined;
    return this.#read(decision.key, decision.sMaxAge);
  }

  /**
   * The lookup before routing. `hit`: answer with it. `partial`: a list embeddings request
   * with some inputs cached; send only `missingInputs` upstream and hand `partial` to
   * `finishEmbeddings`. Neither: a miss.
   */
  async lookup(decision: CacheDecision): Promise<CacheLookup> {
    if (!decision.itemKeys) {
      const hit = await this.read(decision);
      return hit ? { hit } : {};
    }
    const items = await this.readItems(decision);
    const complete = this.combineCachedItems(items);
    if (complete) return { hit: { timestamp: this.#now() / 1000, response: complete } };
    if (!items.some((item) => item !== undefined)) return {};
    return { partial: items, missingInputs: decision.items!.filter((_, position) => items[position] === undefined) };
  }

  /** Per-item lookup for a list embeddings request: one slot per input, undefined where missing. */
  async readItems(decision: CacheDecision): Promise<CachedItems> {
    const keys = decision.itemKeys ?? [];
    if (!decision.read) return keys.map(() => undefined);
    const entries = await Promise.all(keys.map((key) => this.#read(key, decision.sMaxAge)));
    return entries.map((entry) => entry?.response);
  }

  /**
   * Completes a list embeddings request: stores each fresh item under its own key and, when
   * some items came from the cache, returns the merged response to send instead of the
   * upstream's (which then covers only the missing inputs). Undefined means "send the
   * upstream response as it is". The writes run in the background.
   */
  finishEmbeddings(decision: CacheDecision, cached: CachedItems | undefined, fresh: Readonly<Record<string, unknown>> | Uint8Array): Record<string, unknown> | undefined {
    const keys = decision.itemKeys;
    if (!keys) return undefined;
    let response: Record<string, unknown>;
    try {
      const parsed: unknown = fresh instanceof Uint8Array ? JSON.parse(Buffer.from(fresh.buffer, fresh.byteOffset, fresh.byteLength).toString('utf8')) : fresh;
      if (!isRecord(parsed)) return undefined;
      response = parsed;
    } catch {
      return undefined;
    }
    const missing = cached ? keys.map((_, position) => position).filter((position) => cached[position] === undefined) : keys.map((_, position) => position);
    if (decision.write) {
      const singles = splitEmbeddings(response, missing.length);
      if (singles) for (const [at, single] of singles.entries()) void this.#store(keys[missing[at]!]!, single, decision.ttl);
      else this.#onProblem(`embeddings response for ${missing.length} inputs has another number of items; not cached`);
    }
    if (!cached || missing.length === keys.length) return undefined;
    const merged = mergeEmbeddings(cached, response);
    if (!merged) this.#onProblem('embeddings response could not be merged with the cached items; sent as received');
    return merged;
  }

  /** The response for a list embeddings request whose every item was cached. */
  combineCachedItems(cached: CachedItems): Record<string, unknown> | undefined {
    return cached.every((entry) => entry !== undefined) ? mergeEmbeddings(cached, undefined) : undefined;
  }

  async #read(key: string, sMaxAge: number | undefined): Promise<CacheEntry | undefined> {
    const text = await this.backend.get(key);
    if (text === undefined) return undefined;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      this.#onProblem(`cache entry ${key} is not JSON; ignored`);
      return undefined;
    }
    if (!isRecord(entry) || !isRecord(entry.response) || typeof entry.timestamp !== 'number') {
      this.#onProblem(`cache entry ${key} has an unexpected shape; ignored`);
      return undefined;
    }
    if (sMaxAge !== undefined && this.#now() / 1000 - entry.timestamp > sMaxAge) return undefined;
    return entry as unknown as CacheEntry;
  }

  /**
   * Stores a successful final response (never an error body) for a decision that writes:
   * the response object, or the upstream's JSON bytes as relayed (spliced in unparsed, so a
   * passthrough response costs no JSON parse). Never throws: backends swallow their failures.
   */
  async write(decision: CacheDecision, response: Readonly<Record<string, unknown>> | Uint8Array): Promise<void> {
    if (!decision.write) return;
    await this.#store(decision.key, response, decision.ttl);
  }

  async #store(key: string, response: Readonly<Record<string, unknown>> | Uint8Array, ttl: number | undefined): Promise<void> {
    const timestamp = this.#now() / 1000;
    let text: string;
    if (response instanceof Uint8Array) {
      text = `{"timestamp":${timestamp},"response":${Buffer.from(response.buffer, response.byteOffset, response.byteLength).toString('utf8')}}`;
    } else {
      if ('error' in response) return;
      try {
        text = JSON.stringify({ timestamp, response });
      } catch (error) {
        this.#onProblem(`response for cache key ${key} could not be serialized: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    await this.backend.set(key, text, ttl);
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
