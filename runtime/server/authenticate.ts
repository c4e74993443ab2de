/**
 * Master-key authentication. The key is read from the headers LiteLLM accepts
 * (litellm-config.md §9), in LiteLLM's order (`get_api_key` in its proxy auth):
 * `general_settings.litellm_key_header_name`, `x-litellm-api-key`, `Authorization: Bearer`,
 * `api-key` (Azure clients), `x-api-key` (Anthropic clients), `x-goog-api-key` (Google
 * clients), `Ocp-Apim-Subscription-Key` (Azure API Management). Comparison is constant-time
 * over SHA-256 digests, so neither the content nor the length of the key leaks through timing.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

function digest(value: string): Buffer {
  // One-shot hash: no Hash object per request (half the cost of createHash().update().digest()).
  return hash('sha256', value, 'buffer');
}

/** Verdicts remembered before the cache is cleared (bounds memory under a flood of random keys). */
const maxRememberedVerdicts = 1024;

/** Outcome of a check: ok, or which 401 message applies. */
export type AuthResult = 'ok' | 'missing' | 'invalid';

/** Checks request headers against the master key. */
export class Authenticator {
  readonly #digest: Buffer | undefined;
  readonly #customHeader: string | undefined;
  /**
   * Verdicts for keys already checked, so a client re-sending its key costs a Map lookup
   * instead of a SHA-256 (bench: hashing was ~5% of the proxy's CPU per request). A lookup
   * hashes the presented string and never compares it with the master key character by
   * character, so it reveals nothing the digest comparison does not.
   */
  readonly #verdicts = new Map<string, AuthResult>();

  /** `masterKey` undefined means auth is off (every request passes). */
  constructor(masterKey: string | undefined, customHeader?: string) {
    this.#digest = masterKey === undefined ? undefined : digest(masterKey);
    this.#customHeader = customHeader?.toLowerCase();
  }

  /** True when a master key is configured. */
  get enabled(): boolean {
    return this.#digest !== undefined;
  }

  /** The presented key, from the first header that carries one. */
  presentedKey(headers: IncomingHttpHeaders): string | undefined {
    // Both LiteLLM-specific headers take the key bare or with a "Bearer " prefix.
    for (const name of [this.#customHeader, 'x-litellm-api-key']) {
      if (name === undefined) continue;
      const custom = headers[name];
      if (typeof custom === 'string' && custom !== '') return custom.startsWith('Bearer ') ? custom.slice(7).trim() : custom.trim();
    }
    const authorization = headers.authorization;
    if (authorization) {
      // LiteLLM strips a "Bearer " prefix (any case) and accepts the bare key too.
      const key = /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '') : authorization;
      if (key.trim() !== '') return key.trim();
    }
    for (const name of ['api-key', 'x-api-key', 'x-goog-api-key', 'ocp-apim-subscription-key'] as const) {
      const value = headers[name];
      if (typeof value === 'string' && value !== '') return value.trim();
    }
    return undefined;
  }

  /** Checks the request. Always 'ok' when auth is off. */
  check(headers: IncomingHttpHeaders): AuthResult {
    const expected = this.#digest;
    if (expected === undefined) return 'ok';
    const key = this.presentedKey(headers);
    if (key === undefined) return 'missing';
    const known = this.#verdicts.get(key);
    if (known !== undefined) return known;
    const verdict: AuthResult = timingSafeEqual(digest(key), expected) ? 'ok' : 'invalid';
    if (this.#verdicts.size >= maxRememberedVerdicts) this.#verdicts.clear();
    this.#verdicts.set(key, verdict);
    return verdict;
  }
}

/** LiteLLM's 401 messages (§7.10); the presented key is never echoed. */
export const authMessages: Readonly<Record<Exclude<AuthResult, 'ok'>, string>> = {
  missing: 'Authentication Error, No api key passed in.',
  invalid: 'Authentication Error, Invalid proxy server token passed.',
};
