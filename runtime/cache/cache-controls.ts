/**
 * The per-request `cache` object (litellm-config.md §8 "Per-request control"), read from
 * the body or from `extra_body` (LiteLLM's proxy accepts both; the OpenAI SDKs merge
 * `extra_body` into the body, raw HTTP clients sometimes send it literally).
 */

/** Parsed per-request cache controls. Absent fields mean "not asked for". */
export interface CacheControls {
  /** Skip the read; the fresh response is still written. */
  readonly noCache: boolean;
  /** Don't write this response. */
  readonly noStore: boolean;
  /** TTL in seconds for this write. */
  readonly ttl?: number;
  /** On read, accept only entries at most this many seconds old. */
  readonly sMaxAge?: number;
  readonly namespace?: string;
  /** Opt-in under `mode: default_off`. */
  readonly useCache: boolean;
}

/** What a request without a `cache` object gets. */
export const noControls: CacheControls = Object.freeze({ noCache: false, noStore: false, useCache: false });

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** Reads `body.cache` (or `body.extra_body.cache`); tolerant of string numbers, strict on booleans. */
export function readCacheControls(body: Readonly<Record<string, unknown>>): CacheControls {
  const source = record(body.cache) ?? record(record(body.extra_body)?.cache);
  if (!source) return noControls;
  const ttl = seconds(source.ttl);
  const sMaxAge = seconds(source['s-maxage'] ?? source['s-max-age']);
  const namespace = typeof source.namespace === 'string' && source.namespace !== '' ? source.namespace : undefined;
  return {
    noCache: source['no-cache'] === true,
    noStore: source['no-store'] === true,
    useCache: source['use-cache'] === true,
    ...(ttl !== undefined ? { ttl } : {}),
    ...(sMaxAge !== undefined ? { sMaxAge } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
}
