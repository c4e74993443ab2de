/**
 * RFC 6901 JSON pointers: the address every diagnostic carries and the key of the
 * source map.
 */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  const text = token;
  return text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
}

/** Appends one token to a pointer. */
export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${escapeToken(token)}`;
}

/** The parent pointer ('' for a top-level key, and for the root itself). */
export function parentPointer(pointer: string): string {
  const slash = pointer.lastIndexOf('/');
  return slash <= 0 ? '' : pointer.slice(0, slash);
}
