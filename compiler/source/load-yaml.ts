/**
 * YAML text → plain value + source map, in LiteLLM's dialect (PyYAML `safe_load`, YAML 1.1):
 * yes/no/on/off are booleans, `80_000` and `0o`-less octals are integers, `<<` merge keys
 * apply, only one document is allowed, and unknown tags are rejected. A duplicate key
 * silently keeps the last value in PyYAML; here it is reported, since the first is lost.
 *
 * Parsing yields js-yaml's events (a flat list with source offsets, no AST). For the plain
 * block YAML most configs are, scan-simple-yaml.ts produces them and the value in one go;
 * anything else is parsed by js-yaml's `parseEvents`, and the Builder below makes the value
 * from the events in one iterative pass. Either way only a few numbers are recorded per
 * collection; node positions are read from the events later, and only for the nodes a
 * finding points at (event-locations.ts). That is what keeps a 2,000-deployment config
 * inside the lint time budget: the `yaml` package's Document API took about 25× longer on
 * the same input, and building a location node for every value took as long as building
 * the value.
 * Aliases reuse the anchored value instead of copying it and are bounded by the number of
 * nodes they expand to, so an alias bomb is refused in microseconds.
 */
import type { AliasEvent, Event, MappingEvent, ScalarEvent, SequenceEvent } from 'js-yaml';
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import { EventLocations, type MergedKey } from './event-locations.ts';
import { jsYaml } from './js-yaml.ts';
import { escapeToken } from './json-pointer.ts';
import { resolvePlainScalar } from './resolve-scalar.ts';
import { scanSimpleYaml } from './scan-simple-yaml.ts';
import { EVENT, keyName, safeTagName, scalarEnd, scalarStart, scalarValue } from './scalar-event.ts';
import type { SourceFile } from './source-file.ts';
import { SourceMap } from './source-map.ts';

export interface LoadedYaml {
  /** The document's value (null for an empty document); `undefined` when it could not be read. */
  readonly value: unknown;
  readonly map: SourceMap;
  readonly findings: Finding[];
}

export interface LoadOptions {
  /** Upper bound on nodes produced by alias expansion. */
  readonly maxAliasNodes?: number;
  /** Upper bound on nesting depth (PyYAML has none, but no config needs more). */
  readonly maxDepth?: number;
}

const FLOW_STYLE = 2;
const STYLE_PLAIN = 1;
/** How a finished node is attached (the merge-key test needs to know a plain scalar). */
const COLLECTION = 0;
const SCALAR = 1;
const ALIAS = 2;

/** An anchored node: its value and the number of nodes an alias to it expands to. */
interface Anchored {
  readonly value: unknown;
  readonly size: number;
}

/** One open collection. A single shape for mappings and sequences keeps the loop monomorphic. */
class Frame {
  readonly isMap: boolean;
  /** Index of the opening event (the location reader starts there). */
  readonly index: number;
  readonly flow: boolean;
  readonly anchor: string | undefined;
  /** This collection's key in its parent mapping, or its index in its parent sequence (pointers are built only for errors). */
  readonly token: string | number | undefined;
  readonly map: Record<string, unknown> | undefined;
  readonly list: unknown[] | undefined;
  merges: { value: unknown; start: number; end: number }[] | undefined = undefined;
  size = 1;
  end: number;
  /** The key waiting for its value (undefined when the next node is a key). */
  pendingName: string | undefined = undefined;
  pendingStart = -1;
  pendingEnd = -1;
  pendingMerge = false;
  /** Set while a collection is being read as a key (PyYAML rejects those). */
  complexKey = false;

  constructor(isMap: boolean, index: number, flow: boolean, anchor: string | undefined, token: string | number | undefined, end: number) {
    this.isMap = isMap;
    this.index = index;
    this.flow = flow;
    this.anchor = anchor;
    this.token = token;
    this.map = isMap ? {} : undefined;
    this.list = isMap ? undefined : [];
    this.end = end;
  }
}

class LoadAbort {
  readonly finding: Finding;
  constructor(finding: Finding) {
    this.finding = finding;
  }
}

/** Parses one YAML source into a value and a source map, collecting source-level findings. */
export function loadYaml(source: SourceFile, options: LoadOptions = {}): LoadedYaml {
  const map = new SourceMap();
  const findings: Finding[] = [];
  let events: Event[];
  try {
    // Most configs are plain block YAML, which the fast scanner reads into the very events
    // js-yaml would produce, building the value on the way; anything else goes to js-yaml.
    // (The scanner stops at 64 levels, well inside the default depth limit; a tighter
    // limit is left to js-yaml alone.)
    const maxDepth = options.maxDepth ?? 200;
    const scanned = maxDepth >= 100 ? scanSimpleYaml(source.text) : undefined;
    if (scanned?.value !== undefined) {
      const locations = new EventLocations(source, scanned.events, { close: scanned.close, ends: scanned.ends, merged: new Map() });
      map.root = locations.root(scanned.rootIndex);
      return { value: scanned.value, map, findings };
    }
    events = scanned?.events.toArray() ?? jsYaml().parseEvents(source.text, { maxDepth });
  } catch (error) {
    findings.push(parseErrorFinding(source, error));
    return { value: undefined, map, findings };
  }
  try {
    const builder = new Builder(source, events, options.maxAliasNodes ?? 100_000);
    const value = builder.build();
    findings.push(...builder.duplicates);
    map.root = builder.locations.root(builder.rootIndex);
    return { value, map, findings };
  } catch (error) {
    if (error instanceof LoadAbort) {
      findings.push(error.finding);
      return { value: undefined, map, findings };
    }
    throw error;
  }
}

function parseErrorFinding(source: SourceFile, error: unknown): Finding {
  const isYaml = error instanceof jsYaml().YAMLException;
  const position = isYaml ? Math.max(0, Math.min(error.mark?.position ?? 0, source.text.length)) : 0;
  const reason = isYaml ? error.reason : error instanceof Error ? error.message : String(error);
  const nesting = /maxDepth|nesting/i.test(reason);
  const end = Math.min(source.text.length, position + 1);
  if (nesting) {
    return makeFinding('nesting-too-deep', { source, start: position, end }, { message: 'the YAML is nested deeper than any config needs (more than 200 levels)', path: '' }, 'source');
  }
  // `fallbacks=[{"gpt-4": ["claude"]}]` (docs written as Python arguments) is the commonest
  // way a LiteLLM config stops parsing; the parser's own words do not say so.
  const lineStart = source.text.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
  const lineEnd = source.text.indexOf('\n', position);
  const line = source.text.slice(lineStart, lineEnd === -1 ? source.text.length : lineEnd);
  const assignment = /^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
  if (assignment) {
    const start = lineStart + line.indexOf(assignment[1]!);
    return makeFinding(
      'yaml-syntax',
      { source, start, end: start + assignment[0].trimStart().length },
      { message: `invalid YAML: '${assignment[1]}=' is Python keyword syntax copied from docs; YAML needs '${assignment[1]}: <value>'`, path: '', suggestion: `${assignment[1]}:` },
      'source',
    );
  }
  return makeFinding('yaml-syntax', { source, start: position, end }, { message: `invalid YAML: ${reason}`, path: '' }, 'source');
}

/**
 * Builds the value from the events. Everything here runs once per node of the file, so it
 * allocates only what the value itself needs: one frame per collection, no per-scalar
 * objects, no pointer strings (a pointer is assembled from the open frames only when an
 * error needs one).
 */
class Builder {
  readonly #source: SourceFile;
  readonly #text: string;
  readonly #events: readonly Event[];
  readonly #maxAliasNodes: number;
  readonly #anchors = new Map<string, Anchored | 'open'>();
  readonly #stack: Frame[] = [];
  readonly #close: Int32Array;
  readonly #ends: Int32Array;
  readonly #merged = new Map<number, MergedKey[]>();
  #aliasNodes = 0;
  #root: unknown = null;
  /** Duplicate keys found (reported only when the whole file loads, as PyYAML would load it). */
  readonly duplicates: Finding[] = [];
  /** Index of the root node's event (-1 for a document without one). */
  rootIndex = -1;
  /** Reads node positions from the same events when a finding asks for one. */
  readonly locations: EventLocations;

  constructor(source: SourceFile, events: readonly Event[], maxAliasNodes: number) {
    this.#source = source;
    this.#text = source.text;
    this.#events = events;
    this.#maxAliasNodes = maxAliasNodes;
    this.#close = new Int32Array(events.length);
    this.#ends = new Int32Array(events.length);
    this.locations = new EventLocations(source, events, { close: this.#close, ends: this.#ends, merged: this.#merged });
  }

  build(): unknown {
    const events = this.#events;
    const stack = this.#stack;
    const text = this.#text;
    let documents = 0;
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index]!;
      const type = event.type;
      if (type === EVENT.SCALAR) {
        const scalar = event as ScalarEvent;
        const parent = stack.length === 0 ? undefined : stack[stack.length - 1];
        if (scalar.fast && scalar.style === STYLE_PLAIN && scalar.tagStart < 0 && scalar.anchorStart < 0 && scalar.valueStart >= 0) {
          // The common case (a one-line plain scalar: most keys and values), without the
          // general path's calls; the same value and span as below.
          const start = scalar.valueStart;
          const end = scalar.valueEnd;
          this.#attach(parent, resolvePlainScalar(text.slice(start, end)), 1, start, end, SCALAR, index);
          continue;
        }
        const tag = scalar.tagStart >= 0 ? this.#checkTag(scalar.tagStart, scalar.tagEnd, '') : undefined;
        const value = scalarValue(text, scalar, tag);
        // An empty value (`key:`) sits just after its key; an empty key or item at the parent's end so far.
        const emptyAt = parent === undefined ? 0 : parent.isMap && parent.pendingName !== undefined ? parent.pendingEnd : parent.end;
        const start = scalarStart(scalar, emptyAt);
        const end = scalarEnd(scalar, emptyAt);
        if (scalar.anchorStart >= 0) this.#anchors.set(text.slice(scalar.anchorStart, scalar.anchorEnd), { value, size: 1 });
        this.#attach(parent, value, 1, start, end, SCALAR, index);
      } else if (type === EVENT.MAPPING || type === EVENT.SEQUENCE) {
        const collection = event as MappingEvent | SequenceEvent;
        const parent = stack.length === 0 ? undefined : stack[stack.length - 1];
        const token = this.#tokenFor(parent);
        const anchor = collection.anchorStart >= 0 ? text.slice(collection.anchorStart, collection.anchorEnd) : undefined;
        if (collection.tagStart >= 0) this.#checkTag(collection.tagStart, collection.tagEnd, this.#pointer(token, parent !== undefined));
        if (anchor !== undefined) this.#anchors.set(anchor, 'open');
        const start = collection.anchorStart >= 0 ? Math.min(collection.start, collection.anchorStart - 1) : collection.start;
        stack.push(new Frame(type === EVENT.MAPPING, index, collection.style === FLOW_STYLE, anchor, token, start + 1));
      } else if (type === EVENT.POP) {
        const frame = stack.pop();
        if (frame === undefined) continue;
        this.#close[frame.index] = index;
        let end = frame.end;
        if (frame.flow) end = this.#closingBracket(end, frame.isMap ? '}' : ']');
        if (frame.merges !== undefined) this.#applyMerges(frame);
        this.#ends[frame.index] = end;
        const value = frame.isMap ? frame.map : frame.list;
        if (frame.anchor !== undefined) this.#anchors.set(frame.anchor, { value, size: frame.size });
        const start = (events[frame.index] as MappingEvent | SequenceEvent).start;
        this.#attach(stack.length === 0 ? undefined : stack[stack.length - 1], value, frame.size, start, end, COLLECTION, frame.index);
      } else if (type === EVENT.ALIAS) {
        const alias = event as AliasEvent;
        const parent = stack.length === 0 ? undefined : stack[stack.length - 1];
        const name = text.slice(alias.anchorStart, alias.anchorEnd);
        const start = alias.anchorStart - 1;
        // In key position this marks the key as one PyYAML cannot hash, as for a collection.
        const token = this.#tokenFor(parent);
        const anchored = this.#anchors.get(name);
        if (anchored === undefined || anchored === 'open' || this.#aliasNodes + anchored.size > this.#maxAliasNodes) {
          const pointer = this.#pointer(token, parent !== undefined);
          if (anchored === undefined) throw this.#abort('yaml-syntax', start, alias.anchorEnd, pointer, `unknown alias *${name}`);
          if (anchored === 'open') throw this.#abort('alias-limit', start, alias.anchorEnd, pointer, `alias *${name} refers to a node that contains it`);
          throw this.#abort('alias-limit', start, alias.anchorEnd, pointer, `YAML aliases expand to more than ${this.#maxAliasNodes} nodes (an alias bomb?); refusing to expand them`);
        }
        this.#aliasNodes += anchored.size;
        this.#attach(parent, anchored.value, anchored.size, start, alias.anchorEnd, ALIAS, index);
      } else if (type === EVENT.DOCUMENT) {
        documents += 1;
        if (documents > 1) {
          const next = events[index + 1];
          const at = next ? eventStart(next) : text.length;
          const dashes = text.lastIndexOf('---', at);
          const start = dashes === -1 ? Math.max(0, at) : dashes;
          throw this.#abort('multiple-documents', start, start + 3, '', 'the file holds more than one YAML document (`---`); LiteLLM reads exactly one');
        }
      }
    }
    return this.#root;
  }

  /** The key or index the node about to be read will have inside `parent`. */
  #tokenFor(parent: Frame | undefined): string | number | undefined {
    if (parent === undefined) return undefined;
    if (!parent.isMap) return parent.list!.length;
    if (parent.pendingName === undefined) {
      // A collection in key position (`? [a, b]`): PyYAML cannot hash it.
      parent.complexKey = true;
      return undefined;
    }
    return parent.pendingName;
  }

  /**
   * JSON pointer of the open collections, plus `token` when `inParent` (the node being read).
   * A node in key position has the pointer of its mapping.
   */
  #pointer(token: string | number | undefined, inParent: boolean): string {
    let pointer = '';
    for (const frame of this.#stack) if (frame.token !== undefined) pointer += `/${escapeToken(frame.token)}`;
    if (inParent && token !== undefined) pointer += `/${escapeToken(token)}`;
    return pointer;
  }

  /** Returns the tag's short name (`str` for `!!str`); reports tags a safe loader rejects. */
  #checkTag(tagStart: number, tagEnd: number, pointer: string): string {
    const short = safeTagName(this.#text, tagStart, tagEnd);
    if (short !== undefined) return short;
    const tag = this.#text.slice(tagStart, tagEnd);
    throw this.#abort('unsupported-tag', tagStart, tagEnd, pointer, `the tag ${tag} cannot be loaded; LiteLLM's safe YAML loader only accepts standard tags`);
  }

  /** Adds a finished node to its parent (or makes it the root). */
  #attach(parent: Frame | undefined, value: unknown, size: number, start: number, end: number, how: number, index: number): void {
    if (parent === undefined) {
      this.#root = value;
      this.rootIndex = index;
      return;
    }
    if (end > parent.end) parent.end = end;
    if (!parent.isMap) {
      parent.list!.push(value);
      parent.size += size;
      return;
    }
    if (parent.pendingName === undefined) {
      if (parent.complexKey) {
        parent.complexKey = false;
        throw this.#abort('yaml-syntax', start, end, this.#pointer(undefined, false), 'a list or mapping used as a mapping key; LiteLLM (PyYAML) cannot load it');
      }
      parent.pendingMerge = how === SCALAR && value === '<<' && this.#text.slice(start, end) === '<<';
      parent.pendingName = keyName(value);
      parent.pendingStart = start;
      parent.pendingEnd = end;
      return;
    }
    const name = parent.pendingName;
    parent.pendingName = undefined;
    parent.size += size;
    if (parent.pendingMerge) {
      (parent.merges ??= []).push({ value, start: parent.pendingStart, end: parent.pendingEnd });
      return;
    }
    const target = parent.map!;
    if (Object.hasOwn(target, name)) this.#reportDuplicate(parent, name, index);
    if (name === '__proto__') defineProperty(target, name, value);
    else target[name] = value;
  }

  /** `<<: *base` (or a list of them) supplies keys the mapping does not set itself; earlier sources win. */
  #applyMerges(frame: Frame): void {
    const target = frame.map!;
    const located: MergedKey[] = [];
    for (const { value, start, end } of frame.merges!) {
      const sources = Array.isArray(value) ? value : [value];
      for (const merged of sources) {
        if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
          throw this.#abort('yaml-syntax', start, end, this.#pointer(frame.token, true), 'a merge key (<<) must refer to a mapping or a list of mappings');
        }
        for (const [name, item] of Object.entries(merged as Record<string, unknown>)) {
          if (Object.hasOwn(target, name)) continue;
          defineProperty(target, name, item);
          located.push({ name, start, end });
        }
      }
    }
    if (located.length > 0) this.#merged.set(frame.index, located);
  }

  #closingBracket(from: number, bracket: string): number {
    const text = this.#text;
    let index = from;
    while (index < text.length) {
      const char = text[index]!;
      if (char === bracket) return index + 1;
      if (char === ' ' || char === '\n' || char === '\r' || char === '\t' || char === ',') index += 1;
      else if (char === '#') index = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
      else break;
    }
    return from;
  }

  /** A key set twice in one mapping; the value event is at `valueIndex`, its key just before. */
  #reportDuplicate(frame: Frame, name: string, valueIndex: number): void {
    // A key is always one event (a scalar; an alias or collection key aborts the load).
    const firstOffset = this.locations.previousKeyStart(frame.index, valueIndex - 1, name);
    const firstLine = this.#source.position(firstOffset).line;
    this.duplicates.push(
      makeFinding(
        'duplicate-key',
        { source: this.#source, start: frame.pendingStart, end: frame.pendingEnd },
        { message: `duplicate key '${name}' (first defined on line ${firstLine}); LiteLLM keeps only this last value and silently drops the first`, path: this.#pointer(name, true) },
        'source',
      ),
    );
  }

  #abort(id: Parameters<typeof makeFinding>[0], start: number, end: number, pointer: string, message: string): LoadAbort {
    return new LoadAbort(makeFinding(id, { source: this.#source, start: Math.max(0, start), end: Math.max(start, end) }, { message, path: pointer }, 'source'));
  }
}

function eventStart(event: Event): number {
  if (event.type === EVENT.MAPPING || event.type === EVENT.SEQUENCE) return event.start;
  if (event.type === EVENT.SCALAR) return event.valueStart;
  if (event.type === EVENT.ALIAS) return event.anchorStart;
  return -1;
}

/** Sets a key even when it is `__proto__`, without touching the prototype chain. */
function defineProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
