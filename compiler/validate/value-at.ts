/**
 * Small helpers over plain config values: look a value up by JSON pointer, name a
 * location the way a user writes it (`router_settings.fallbacks[0]`), and describe a
 * value's type in words.
 */

/** The value at a JSON pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
    if (Array.isArray(node)) node = node[Number(token)];
    else if (node !== null && typeof node === 'object') node = Object.hasOwn(node, token) ? (node as Record<string, unknown>)[token] : undefined;
    else return undefined;
  }
  return node;
}

/** `/router_settings/fallbacks/0/gpt-4` → `router_settings.fallbacks[0].gpt-4`. */
export function describePath(pointer: string): string {
  if (pointer === '') return 'the config';
  let text = '';
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(token)) text += `[${token}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(token)) text += text === '' ? token : `.${token}`;
    else text += `[${JSON.stringify(token)}]`;
  }
  return text;
}

/** "a string", "a list", "a mapping", "null", … */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** A short quotation of a scalar for messages (long strings are cut). */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}
