/**
 * What a js-yaml scalar event means, shared by the loader (which builds values) and the
 * location reader (which walks the same events again to find a node's position): the
 * event's value in LiteLLM's YAML 1.1 dialect and the span a diagnostic underlines.
 */
import type { ScalarEvent } from 'js-yaml';
import { jsYaml } from './js-yaml.ts';
import { resolvePlainScalar } from './resolve-scalar.ts';

/** js-yaml's event type ids (its EVENT_ID), kept as plain numbers for the hot loops. */
export const EVENT = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;

/** Tags PyYAML's SafeLoader constructs; anything else fails to load. */
const safeTags = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'binary', 'timestamp', 'set', 'omap', 'pairs']);

/** The short name of a standard tag (`str` for `!!str`), or undefined for a tag a safe loader rejects. */
export function safeTagName(text: string, tagStart: number, tagEnd: number): string | undefined {
  const tag = text.slice(tagStart, tagEnd);
  const short = tag.startsWith('!!') ? tag.slice(2) : tag.startsWith('!<tag:yaml.org,2002:') ? tag.slice(20, -1) : undefined;
  return short !== undefined && safeTags.has(short) ? short : undefined;
}

/**
 * The value of a scalar event as PyYAML's SafeLoader constructs it. `tag` is the event's
 * tag already checked by safeTagName (undefined without a tag).
 */
export function scalarValue(text: string, event: ScalarEvent, tag: string | undefined): unknown {
  if (event.valueStart < 0) {
    // An empty value (`key:`) is null unless a tag says otherwise (`!!str` → "").
    return event.tagStart >= 0 ? typedScalar('', tag) : event.style === STYLE_PLAIN ? null : '';
  }
  // One-line scalars without escapes are the text between the offsets (js-yaml's `fast`);
  // only the others need js-yaml's decoding (folding, escapes, block scalars).
  const raw = event.fast ? text.slice(event.valueStart, event.valueEnd) : jsYaml().getScalarValue(text, event);
  if (event.tagStart >= 0) return typedScalar(raw, tag);
  return event.style === STYLE_PLAIN ? resolvePlainScalar(raw) : raw;
}

function typedScalar(raw: string, tag: string | undefined): unknown {
  return tag === 'str' || tag === 'binary' || tag === 'timestamp' || tag === undefined ? raw : resolvePlainScalar(raw, tag);
}

/** Start of a scalar's underline: quotes included; an empty value sits at `emptyAt`. */
export function scalarStart(event: ScalarEvent, emptyAt: number): number {
  if (event.valueStart < 0) return emptyAt;
  return event.style === STYLE_SINGLE || event.style === STYLE_DOUBLE ? event.valueStart - 1 : event.valueStart;
}

/** End of a scalar's underline (see scalarStart). */
export function scalarEnd(event: ScalarEvent, emptyAt: number): number {
  if (event.valueStart < 0) return emptyAt;
  return event.style === STYLE_SINGLE || event.style === STYLE_DOUBLE ? event.valueEnd + 1 : event.valueEnd;
}

/** Mapping keys become strings, as JSON needs (`1: x` → "1", `null: x` → "null"). */
export function keyName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
