/**
 * A fast path for the YAML most LiteLLM configs are written in: block mappings and
 * sequences, one-line plain or simply quoted scalars, one-line flow lists of such scalars,
 * comments. For such text it returns exactly the events js-yaml's `parseEvents` returns
 * (same objects, same offsets), and, since it has just read them, the value and the
 * location facts the loader would build from those events (load-yaml.ts's Builder); for
 * anything else (anchors, tags, block or multi-line scalars, flow mappings, escapes, tabs,
 * CR, document markers, odd indentation, …) it returns undefined and the caller uses
 * js-yaml. A duplicate key, a `<<` or a `__proto__` key leaves the value to the Builder
 * (`value` undefined), which reports or handles them.
 *
 * Why: js-yaml is general, and in a short-lived `litegate lint` process its parser runs
 * mostly unoptimised; this scanner works line by line with few calls per character and
 * builds the value as it goes, which in such a process costs much less than js-yaml's
 * parser plus the Builder's pass (profiled on the lint benchmark's configs).
 * test/compiler/scan-simple-yaml.test.ts compares events, values and positions with
 * js-yaml + Builder on every config in the repository and on mutated copies of them.
 */
import type { Event } from 'js-yaml';
import { resolvePlainScalar } from './resolve-scalar.ts';
import { keyName } from './scalar-event.ts';

/** What the scanner read. */
export interface ScannedYaml {
  /** js-yaml's events for the text. */
  readonly events: ScannedEvents;
  /** The document's value, as the loader's Builder makes it; undefined when the Builder must make it. */
  readonly value: Record<string, unknown> | unknown[] | undefined;
  /** For each collection's opening event: the index of its closing event (see EventFacts). */
  readonly close: Int32Array;
  /** For each collection's opening event: the end offset of its text (see EventFacts). */
  readonly ends: Int32Array;
  /** Index of the root node's event. */
  readonly rootIndex: number;
}

const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const POP = 6;
const BLOCK = 1;
const FLOW = 2;
const PLAIN = 1;
const SINGLE = 2;
const DOUBLE = 3;
/** Deeper nesting goes to js-yaml, which enforces the loader's depth limit. */
const maxDepth = 64;

/** Characters that may not start a plain scalar here (YAML indicators; a few legal uses are left to js-yaml). */
const indicator = /[-?:,[\]{}#&*!|>'"%@`]/;
/** Control characters and the like, which js-yaml rejects or treats specially. */
const unusual = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]/;

/**
 * The scanner's events in a compact table (a few typed arrays instead of one object per
 * event, which for a large config was most of what the loader allocated). `at` gives the
 * js-yaml event object, built on demand: only the few events on the paths of findings'
 * positions are ever looked at.
 */
export class ScannedEvents {
  length = 0;
  #types = new Uint8Array(1024);
  #starts = new Int32Array(1024);
  #ends = new Int32Array(1024);
  #styles = new Uint8Array(1024);
  #fast = new Uint8Array(1024);

  /** Appends an event: for a scalar its value range, for a collection its start. */
  push(type: number, start: number, end: number, style: number, fast: boolean): void {
    const index = this.length;
    if (index === this.#types.length) this.#grow();
    this.#types[index] = type;
    this.#starts[index] = start;
    this.#ends[index] = end;
    this.#styles[index] = style;
    this.#fast[index] = fast ? 1 : 0;
    this.length = index + 1;
  }

  /** The type of the event at `index`. */
  typeAt(index: number): number {
    return this.#types[index]!;
  }

  /** The event at `index`, as js-yaml's parser would have made it. */
  at(index: number): Event | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const type = this.#types[index]!;
    if (type === SCALAR) return scalarEvent(this.#starts[index]!, this.#ends[index]!, this.#styles[index]!, this.#fast[index] === 1);
    if (type === MAPPING || type === SEQUENCE) return collectionEvent(type, this.#starts[index]!, this.#styles[index]!);
    if (type === DOCUMENT) return { type: DOCUMENT, explicitStart: false, explicitEnd: false, directives: [] } as Event;
    return { type: POP } as Event;
  }

  /** All events as js-yaml's objects. */
  toArray(): Event[] {
    const events: Event[] = [];
    for (let index = 0; index < this.length; index += 1) events.push(this.at(index)!);
    return events;
  }

  #grow(): void {
    const size = this.#types.length * 2;
    const types = new Uint8Array(size);
    types.set(this.#types);
    this.#types = types;
    const starts = new Int32Array(size);
    starts.set(this.#starts);
    this.#starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.#ends);
    this.#ends = ends;
    const styles = new Uint8Array(size);
    styles.set(this.#styles);
    this.#styles = styles;
    const fast = new Uint8Array(size);
    fast.set(this.#fast);
    this.#fast = fast;
  }
}

class Bail {}
const bail = new Bail();

function scalarEvent(valueStart: number, valueEnd: number, style: number, fast: boolean): Event {
  return { type: SCALAR, valueStart, valueEnd, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style, chomping: 1, indent: -1, fast } as Event;
}

function collectionEvent(type: number, start: number, style: number): Event {
  return { type, start, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style } as Event;
}

/** js-yaml's events for `text` (and the value) when it is in the simple subset, else undefined. */
export function scanSimpleYaml(text: string): ScannedYaml | undefined {
  if (unusual.test(text)) return undefined;
  try {
    return new Scanner(text).scan();
  } catch (error) {
    if (error === bail) return undefined;
    throw error;
  }
}

class Scanner {
  readonly #text: string;
  readonly #events = new ScannedEvents();
  /** (opening event index, closing event index, end offset) of each collection. */
  readonly #collections: number[] = [];
  /** End offset of the node just read (the Builder's node end). */
  #end = 0;
  /** False once a key needs the Builder (duplicate, `<<`, `__proto__`). */
  #valueIsPlain = true;
  /** Start of the current line, its indentation and first content offset. */
  #line = 0;
  #indent = 0;
  #content = 0;
  #lineEnd = 0;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  scan(): ScannedYaml {
    const text = this.#text;
    if (!this.#seekContent(0)) throw bail;
    if (this.#indent !== 0) throw bail;
    const first = text.charCodeAt(this.#content);
    if (first === 0x2d /* - */ && text.startsWith('---', this.#content)) throw bail;
    if (first === 0x2e /* . */ && text.startsWith('...', this.#content)) throw bail;
    this.#events.push(DOCUMENT, 0, 0, 0, false);
    const value = this.#node(0);
    if (this.#line < text.length) throw bail;
    this.#events.push(POP, 0, 0, 0, false);
    const events = this.#events;
    const close = new Int32Array(events.length);
    const ends = new Int32Array(events.length);
    const collections = this.#collections;
    for (let index = 0; index < collections.length; index += 3) {
      close[collections[index]!] = collections[index + 1]!;
      ends[collections[index]!] = collections[index + 2]!;
    }
    return { events, value: this.#valueIsPlain ? value : undefined, close, ends, rootIndex: 1 };
  }

  /** Records a finished collection (opened at event `index`, its text ending at `end`) and pushes its closing event. */
  #closeCollection(index: number, end: number): void {
    this.#collections.push(index, this.#events.length, end);
    this.#events.push(POP, 0, 0, 0, false);
    this.#end = end;
  }

  /**
   * Moves to the first line at or after `from` with content (not blank, not a comment).
   * Returns false at the end of the text.
   */
  #seekContent(from: number): boolean {
    const text = this.#text;
    let line = from;
    while (line < text.length) {
      let end = text.indexOf('\n', line);
      if (end === -1) end = text.length;
      let content = line;
      while (content < end && text.charCodeAt(content) === 0x20) content += 1;
      if (content < end && text.charCodeAt(content) !== 0x23 /* # */) {
        this.#line = line;
        this.#indent = content - line;
        this.#content = content;
        this.#lineEnd = end;
        return true;
      }
      line = end + 1;
    }
    this.#line = text.length;
    this.#indent = -1;
    this.#content = text.length;
    this.#lineEnd = text.length;
    return false;
  }

  /** The block collection at the current line (its indentation is `indent`). */
  #node(indent: number): Record<string, unknown> | unknown[] {
    if (++this.#depth > maxDepth) throw bail;
    const value = this.#isDash(this.#content) ? this.#sequence(indent) : this.#mapping(indent, this.#content);
    this.#depth -= 1;
    return value;
  }

  #isDash(at: number): boolean {
    const text = this.#text;
    if (text.charCodeAt(at) !== 0x2d) return false;
    const next = text.charCodeAt(at + 1);
    return at + 1 >= this.#lineEnd || next === 0x20;
  }

  /** A block sequence whose dashes are at column `indent`. */
  #sequence(indent: number): unknown[] {
    const text = this.#text;
    const index = this.#events.length;
    const list: unknown[] = [];
    let end = this.#content + 1;
    this.#events.push(SEQUENCE, this.#content, 0, BLOCK, false);
    for (;;) {
      // Content after "- " on the dash line.
      let item = this.#content + 1;
      while (item < this.#lineEnd && text.charCodeAt(item) === 0x20) item += 1;
      if (item >= this.#lineEnd || text.charCodeAt(item) === 0x23) throw bail; // item on the next lines, or empty
      if (this.#isDash(item)) throw bail; // "- - x"
      const key = this.#keyEnd(item);
      if (key >= 0) {
        this.#depth += 1;
        if (this.#depth > maxDepth) throw bail;
        list.push(this.#mapping(item - this.#line, item));
        this.#depth -= 1;
      } else {
        list.push(this.#inlineValue(item));
        this.#endOfInlineValue(indent);
      }
      if (this.#end > end) end = this.#end;
      if (this.#indent < indent) break;
      if (this.#indent !== indent || !this.#isDash(this.#content)) throw bail;
    }
    this.#closeCollection(index, end);
    return list;
  }

  /** A block mapping whose keys are at column `indent`; the first key starts at `keyStart` on the current line. */
  #mapping(indent: number, keyStart: number): Record<string, unknown> {
    const text = this.#text;
    const index = this.#events.length;
    const object: Record<string, unknown> = {};
    let end = keyStart + 1;
    this.#events.push(MAPPING, keyStart, 0, BLOCK, false);
    let start = keyStart;
    for (;;) {
      const colon = this.#keyEnd(start);
      if (colon < 0) throw bail;
      let keyEnd = colon;
      while (keyEnd > start && text.charCodeAt(keyEnd - 1) === 0x20) keyEnd -= 1;
      this.#events.push(SCALAR, start, keyEnd, PLAIN, true);
      if (keyEnd > end) end = keyEnd;
      const raw = text.slice(start, keyEnd);
      const name = keyName(resolvePlainScalar(raw));
      if (raw === '<<' || name === '__proto__' || Object.hasOwn(object, name)) this.#valueIsPlain = false;
      let item: unknown;
      let value = colon + 1;
      while (value < this.#lineEnd && text.charCodeAt(value) === 0x20) value += 1;
      if (value >= this.#lineEnd || text.charCodeAt(value) === 0x23) {
        // The value is on the next lines: a nested collection, or nothing (null).
        this.#seekContent(this.#lineEnd + 1);
        if (this.#indent > indent) item = this.#node(this.#indent);
        else {
          if (this.#indent === indent && this.#isDash(this.#content)) throw bail; // a list at the key's own column
          this.#events.push(SCALAR, -1, -1, PLAIN, false);
          // An empty value is null and sits right after its key.
          item = null;
          this.#end = keyEnd;
        }
      } else {
        item = this.#inlineValue(value);
        this.#endOfInlineValue(indent);
      }
      if (this.#end > end) end = this.#end;
      if (this.#valueIsPlain) object[name] = item;
      if (this.#indent < indent) break;
      if (this.#indent !== indent || this.#isDash(this.#content)) throw bail;
      start = this.#content;
    }
    this.#closeCollection(index, end);
    return object;
  }

  /**
   * Offset of the `:` ending a plain key that starts at `start` on the current line, or -1
   * when the line holds no `key:` there. Keys that are quoted or start with an indicator
   * are left to js-yaml.
   */
  #keyEnd(start: number): number {
    const text = this.#text;
    const first = text[start]!;
    if (indicator.test(first)) {
      if (first === '"' || first === "'" || first === '[') {
        // A quoted or flow scalar; it is a key only if a ':' follows it, which js-yaml handles.
        const close = first === '[' ? text.indexOf(']', start) : text.indexOf(first, start + 1);
        if (close === -1 || close > this.#lineEnd) throw bail;
        const colon = text.indexOf(':', close);
        if (colon !== -1 && colon < this.#lineEnd) throw bail;
        return -1;
      }
      if (first === '-' && start + 1 < this.#lineEnd && text.charCodeAt(start + 1) !== 0x20) {
        // `-1`, `-x`: a plain scalar starting with '-'.
      } else throw bail;
    }
    for (let at = start; at < this.#lineEnd; at += 1) {
      const code = text.charCodeAt(at);
      if (code === 0x3a /* : */) {
        const next = at + 1 < this.#lineEnd ? text.charCodeAt(at + 1) : 0x20;
        if (next === 0x20) return at;
      } else if (code === 0x23 /* # */ && text.charCodeAt(at - 1) === 0x20) return -1;
    }
    return -1;
  }

  /** A value written on the line at `at`: a plain or quoted scalar, or a flow list. Sets #end. */
  #inlineValue(at: number): unknown {
    const text = this.#text;
    const first = text[at]!;
    let end: number;
    let value: unknown;
    if (first === '"' || first === "'") {
      end = this.#quoted(at);
      value = text.slice(at + 1, end - 1);
    } else if (first === '[') {
      value = this.#flowList(at);
      end = this.#end;
    } else {
      if (indicator.test(first) && !(first === '-' && at + 1 < this.#lineEnd && text.charCodeAt(at + 1) !== 0x20)) throw bail;
      end = this.#plainEnd(at, false);
      this.#events.push(SCALAR, at, end, PLAIN, true);
      value = resolvePlainScalar(text.slice(at, end));
    }
    this.#end = end;
    // Only spaces and a comment may follow on the line.
    let rest = end;
    while (rest < this.#lineEnd && text.charCodeAt(rest) === 0x20) rest += 1;
    if (rest < this.#lineEnd && !(text.charCodeAt(rest) === 0x23 && rest > end)) throw bail;
    return value;
  }

  /** End of a one-line plain scalar from `at` (trailing spaces excluded). */
  #plainEnd(at: number, flow: boolean): number {
    const text = this.#text;
    let end = at;
    let index = at;
    for (; index < this.#lineEnd; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 0x3a /* : */) {
        const next = index + 1 < this.#lineEnd ? text.charCodeAt(index + 1) : 0x20;
        if (next === 0x20 || (flow && (next === 0x2c || next === 0x5d || next === 0x5b || next === 0x7b || next === 0x7d))) throw bail; // a nested mapping
      } else if (code === 0x23 /* # */ && text.charCodeAt(index - 1) === 0x20) break;
      else if (flow && (code === 0x2c || code === 0x5d || code === 0x5b || code === 0x7b || code === 0x7d)) {
        if (code !== 0x2c && code !== 0x5d) throw bail;
        break;
      }
      if (code !== 0x20) end = index + 1;
    }
    if (end === at) throw bail;
    return end;
  }

  /** A quoted scalar without escapes on one line; returns the offset after its closing quote. */
  #quoted(at: number): number {
    const text = this.#text;
    const quote = text[at]!;
    const close = text.indexOf(quote, at + 1);
    if (close === -1 || close >= this.#lineEnd) throw bail;
    if (quote === '"') for (let index = at + 1; index < close; index += 1) if (text.charCodeAt(index) === 0x5c /* \\ */) throw bail;
    if (quote === "'" && text.charCodeAt(close + 1) === 0x27) throw bail;
    this.#events.push(SCALAR, at + 1, close, quote === '"' ? DOUBLE : SINGLE, true);
    return close + 1;
  }

  /** `[a, b, "c"]` on one line; sets #end to the offset after the `]`. */
  #flowList(at: number): unknown[] {
    const text = this.#text;
    const opening = this.#events.length;
    const list: unknown[] = [];
    this.#events.push(SEQUENCE, at, 0, FLOW, false);
    let index = at + 1;
    for (;;) {
      while (index < this.#lineEnd && text.charCodeAt(index) === 0x20) index += 1;
      if (index >= this.#lineEnd) throw bail;
      const first = text[index]!;
      if (first === ']') {
        // `[]`, or `[a, ]`, which js-yaml reads differently from an empty item: only `[]` here.
        if (this.#events.typeAt(this.#events.length - 1) !== SEQUENCE) throw bail;
        index += 1;
        break;
      }
      let end: number;
      if (first === '"' || first === "'") {
        end = this.#quoted(index);
        list.push(text.slice(index + 1, end - 1));
      } else {
        if (indicator.test(first) && !(first === '-' && index + 1 < this.#lineEnd && text.charCodeAt(index + 1) !== 0x20 && text.charCodeAt(index + 1) !== 0x2c)) throw bail;
        end = this.#plainEnd(index, true);
        this.#events.push(SCALAR, index, end, PLAIN, true);
        list.push(resolvePlainScalar(text.slice(index, end)));
      }
      index = end;
      while (index < this.#lineEnd && text.charCodeAt(index) === 0x20) index += 1;
      const separator = text.charCodeAt(index);
      if (separator === 0x5d /* ] */) {
        index += 1;
        break;
      }
      if (separator !== 0x2c /* , */) throw bail;
      index += 1;
      // `[a, ]`: a trailing comma is left to js-yaml.
      let next = index;
      while (next < this.#lineEnd && text.charCodeAt(next) === 0x20) next += 1;
      if (text.charCodeAt(next) === 0x5d) throw bail;
    }
    // The Builder ends a flow collection after its closing bracket.
    this.#closeCollection(opening, index);
    return list;
  }

  /**
   * After a value written on its line: the next non-blank line must not be indented past
   * `indent` (a plain scalar would continue there, and a comment there is left to js-yaml
   * too). Moves to the next content line.
   */
  #endOfInlineValue(indent: number): void {
    const text = this.#text;
    let line = this.#lineEnd + 1;
    while (line < text.length) {
      let end = text.indexOf('\n', line);
      if (end === -1) end = text.length;
      let content = line;
      while (content < end && text.charCodeAt(content) === 0x20) content += 1;
      if (content < end) {
        if (content - line > indent) throw bail;
        break;
      }
      line = end + 1;
    }
    this.#seekContent(this.#lineEnd + 1);
  }
}
