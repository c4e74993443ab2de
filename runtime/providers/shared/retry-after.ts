/** Header bag as node:http / undici expose it (lower-case names, possibly repeated). */
export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/** Reads one header case-insensitively; a repeated header yields its first value. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value = headers[lower];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        value = headers[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The delay a provider asked for before retrying, in milliseconds, or undefined.
 * `retry-after-ms` (float ms, Azure/OpenAI, non-standard) wins over `retry-after`,
 * which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3) — the order the
 * OpenAI and Anthropic SDKs use. Values are taken literally: `0` (or a date already
 * past) means "no wait", not "absent"; whether a zero delay is honoured or replaced by
 * backoff is the retry policy's call (runtime/router/retry-decision.ts). Negative or
 * unparsable values count as absent.
 */
export function retryAfterMs(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms')?.trim();
  if (ms !== undefined && ms !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const after = headerValue(headers, 'retry-after')?.trim();
  if (after === undefined || after === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after) * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses a protobuf Duration as JSON-encoded by Google APIs ("41s", "0.5s") into ms. */
export function durationToMs(duration: unknown): number | undefined {
  if (typeof duration !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  if (!match) return undefined;
  const ms = Math.ceil(Number(match[1]) * 1000);
  return ms > 0 ? ms : undefined;
}
