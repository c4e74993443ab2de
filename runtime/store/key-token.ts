/**
 * Virtual-key tokens. A key is `sk-` plus 22 random base64url characters (132 bits); only
 * its SHA-256 hex digest is ever stored or cached, as LiteLLM stores
 * `LiteLLM_VerificationToken.token` (§10). `key_name` is the abbreviated form LiteLLM shows
 * (`sk-...abcd`), safe to log and display.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new raw key; shown to the caller once, never stored. */
export function generateKey(): string {
  return `sk-${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

/** SHA-256 hex digest of a raw key: the primary key of the keys table. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** `sk-...abcd`: the last four characters only. */
export function abbreviateKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

/** A 64-character lowercase hex string (a stored token rather than a raw key). */
export function isKeyHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
