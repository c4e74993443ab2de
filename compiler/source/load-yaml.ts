/**
 * YAML text → plain value + source map, in LiteLLM's dialect (PyYAML `safe_load`, YAML 1.1):
 * yes/no/on/off are booleans, `80_000` and `0o`-less octals are integers, `<<` merge keys
 * apply, only one document is allowed, and unknown tags are rejected. A duplicate key
 * silently keeps the last value in PyYAML; here it is reported, since the first is lost.
 *
 * Parsing uses js-yaml's event parser (`parseEvents`: a flat list of events with source
 * offsets, no AST), and this module builds the value and the source map from the events in
 * one iterative pass. That is what keeps a 2,000-deployment config well inside the lint
 * time budget: the `yaml` package's Document API took about 25× longer on the same input.
 * Aliases reuse the anchored value instead of copying it and are bounded by the number of
 * nodes they expand to, so an alias bomb is refused in microseconds.
 */
import { getScalarValue, parseEvents, YAMLException, type Event, type ScalarEvent } from 'js-yaml';
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import { childPointer } from './json-pointer.ts';
import { resolvePlainScalar } from './resolve-scalar.ts';
import type { SourceFile } from './source-file.ts';
import { LocationNode, SourceMap } from './source-map.ts';

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

const EVENT = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;

/** Tags PyYAML's SafeLoader constructs; anything else fails to load. */
const safeTags = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'binary', 'timestamp', 'set', 'omap', 'pairs']);

interface Node {
  value: unknown;
  /** Nodes this value expands to (1 for a scalar). */
  size: number;
  start: number;
  end: number;
  kind: 'map' | 'seq' | 'scalar';
  /** The collection's location subtree (scalars and alias sites get theirs when attached). */
  tree: LocationNode | undefined;
}

interface MapFrame {
  readonly kind: 'map';
  readonly pointer: string;
  readonly start: number;
  readonly flow: boolean;
  readonly anchor: string | undefined;
  readonly key: readonly [number, number] | undefined;
  readonly value: Record<string, unknown>;
  readonly merges: { node: Node; at: readonly [number, number] }[];
  /** Location subtree, built only in the locating pass. */
  readonly tree: LocationNode | undefined;
  readonly children: Map<string, LocationNode> | undefined;
  size: number;
  end: number;
  /** The key waiting for its value (`pendingName` undefined when the next node is a key). */
  pendingName: string | undefined;
  pendingStart: number;
  pendingEnd: number;
  pendingMerge: boolean;
  /** Set while a collection is being read as a key (PyYAML rejects those). */
  complexKey: boolean;
}

interface SeqFrame {
  readonly kind: 'seq';
  readonly pointer: string;
  readonly start: number;
  readonly flow: boolean;
  readonly anchor: string | undefined;
  readonly key: readonly [number, number] | undefined;
  readonly value: unknown[];
  readonly tree: LocationNode | undefined;
  readonly children: LocationNode[] | undefined;
  size: number;
  end: number;
}

type Frame = MapFrame | SeqFrame;

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
    events = parseEvents(source.text, { maxDepth: options.maxDepth ?? 200 });
  } catch (error) {
    findings.push(parseErrorFinding(source, error));
    return { value: undefined, map, findings };
  }
  const maxAliasNodes = options.maxAliasNodes ?? 100_000;
  try {
    // The value is built first without positions; the location tree is built by a second
    // pass over the same events only when something asks for a position (a finding), or
    // right away when a duplicate key must be reported with the line of its first use.
    const builder = new Builder(source, map, findings, maxAliasNodes, false);
    const value = builder.build(events);
    const locate = (into: Finding[]): LocationNode | undefined => {
      const located = new SourceMap();
      new Builder(source, located, into, maxAliasNodes, true).build(events);
      return located.root;
    };
    if (builder.duplicates) map.root = locate(findings);
    else map.defer(() => locate([]));
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
  const isYaml = error instanceof YAMLException;
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

class Builder {
  readonly #source: SourceFile;
  readonly #text: string;
  readonly #map: SourceMap;
  readonly #findings: Finding[];
  readonly #maxAliasNodes: number;
  /** Whether this pass builds the location tree (and reports duplicate keys). */
  readonly #locate: boolean;
  readonly #anchors = new Map<string, Node | 'open'>();
  #aliasNodes = 0;
  /** Set by a non-locating pass that saw a duplicate key. */
  duplicates = false;

  constructor(source: SourceFile, map: SourceMap, findings: Finding[], maxAliasNodes: number, locate: boolean) {
    this.#source = source;
    this.#text = source.text;
    this.#map = map;
    this.#findings = findings;
    this.#maxAliasNodes = maxAliasNodes;
    this.#locate = locate;
  }

  build(events: readonly Event[]): unknown {
    let documents = 0;
    let root: Node | undefined;
    const stack: Frame[] = [];

    for (let index = 0; index < events.length; index += 1) {
      const event = events[index]!;
      switch (event.type) {
        case EVENT.DOCUMENT: {
          documents += 1;
          if (documents > 1) {
            const next = events[index + 1];
            const at = next ? eventStart(next) : this.#text.length;
            const dashes = this.#text.lastIndexOf('---', at);
            const start = dashes === -1 ? Math.max(0, at) : dashes;
            throw this.#abort('multiple-documents', start, start + 3, '', 'the file holds more than one YAML document (`---`); LiteLLM reads exactly one');
          }
          break;
        }
        case EVENT.MAPPING:
        case EVENT.SEQUENCE: {
          const parent = stack.at(-1);
          const slot = this.#slot(parent, event.start);
          const anchor = event.anchorStart >= 0 ? this.#text.slice(event.anchorStart, event.anchorEnd) : undefined;
          this.#checkTag(event.tagStart, event.tagEnd, slot.pointer);
          if (anchor !== undefined) this.#anchors.set(anchor, 'open');
          const start = event.anchorStart >= 0 ? Math.min(event.start, event.anchorStart - 1) : event.start;
          const kind = event.type === EVENT.MAPPING ? 'map' : 'seq';
          const keyStart = slot.key ? slot.key[0] : -1;
          const keyEnd = slot.key ? slot.key[1] : -1;
          const common = { pointer: slot.pointer, start: event.start, flow: event.style === 2, anchor, key: slot.key, size: 1, end: start + 1 };
          if (kind === 'map') {
            const children = this.#locate ? new Map<string, LocationNode>() : undefined;
            const tree = children ? new LocationNode(this.#source, kind, keyStart, keyEnd, event.start, start + 1, children) : undefined;
            stack.push({ kind, ...common, value: {}, merges: [], pendingName: undefined, pendingStart: -1, pendingEnd: -1, pendingMerge: false, complexKey: false, tree, children });
          } else {
            const children: LocationNode[] | undefined = this.#locate ? [] : undefined;
            const tree = children ? new LocationNode(this.#source, kind, keyStart, keyEnd, event.start, start + 1, children) : undefined;
            stack.push({ kind, ...common, value: [], tree, children });
          }
          break;
        }
        case EVENT.SCALAR: {
          const node = this.#scalar(event, stack.at(-1));
          root = this.#attach(stack, node) ?? root;
          break;
        }
        case EVENT.ALIAS: {
          const name = this.#text.slice(event.anchorStart, event.anchorEnd);
          const start = event.anchorStart - 1;
          const anchored = this.#anchors.get(name);
          const parent = stack.at(-1);
          const pointer = this.#slot(parent, start).pointer;
          if (anchored === undefined) throw this.#abort('yaml-syntax', start, event.anchorEnd, pointer, `unknown alias *${name}`);
          if (anchored === 'open') throw this.#abort('alias-limit', start, event.anchorEnd, pointer, `alias *${name} refers to a node that contains it`);
          this.#aliasNodes += anchored.size;
          if (this.#aliasNodes > this.#maxAliasNodes) {
            throw this.#abort('alias-limit', start, event.anchorEnd, pointer, `YAML aliases expand to more than ${this.#maxAliasNodes} nodes (an alias bomb?); refusing to expand them`);
          }
          const node: Node = { value: anchored.value, size: anchored.size, start, end: event.anchorEnd, kind: 'scalar', tree: undefined };
          root = this.#attach(stack, node, true) ?? root;
          break;
        }
        case EVENT.POP: {
          const frame = stack.pop();
          if (!frame) break;
          const node = this.#close(frame);
          root = this.#attach(stack, node) ?? root;
          break;
        }
        default:
          break;
      }
    }
    return root === undefined ? null : root.value;
  }

  /** Pointer and key range of the node about to be read inside `parent`. */
  #slot(parent: Frame | undefined, start: number): { pointer: string; key: readonly [number, number] | undefined } {
    if (!parent) return { pointer: '', key: undefined };
    if (parent.kind === 'seq') return { pointer: childPointer(parent.pointer, parent.value.length), key: undefined };
    if (parent.pendingName === undefined) {
      // A collection in key position (`? [a, b]`): PyYAML cannot hash it.
      parent.complexKey = true;
      return { pointer: parent.pointer, key: [start, start] };
    }
    return { pointer: childPointer(parent.pointer, parent.pendingName), key: [parent.pendingStart, parent.pendingEnd] };
  }

  #scalar(event: ScalarEvent, parent: Frame | undefined): Node {
    const quoted = event.style === STYLE_SINGLE || event.style === STYLE_DOUBLE;
    let start = event.valueStart;
    let end = event.valueEnd;
    if (start < 0) {
      // An empty value (`key:`): place it just after the key.
      const after = parent?.kind === 'map' && parent.pendingName !== undefined ? parent.pendingEnd : parent?.end ?? 0;
      start = after;
      end = after;
    } else if (quoted) {
      start -= 1;
      end += 1;
    }
    const text = event.valueStart < 0 ? '' : getScalarValue(this.#text, event);
    let value: unknown;
    if (event.tagStart >= 0) {
      const tag = this.#checkTag(event.tagStart, event.tagEnd, '');
      value = tag === 'str' || tag === 'binary' || tag === 'timestamp' ? text : tag === undefined ? text : resolvePlainScalar(text, tag);
    } else if (event.style === STYLE_PLAIN) {
      value = event.valueStart < 0 ? null : resolvePlainScalar(text);
    } else {
      value = text;
    }
    if (event.anchorStart >= 0) {
      const node: Node = { value, size: 1, start, end, kind: 'scalar', tree: undefined };
      this.#anchors.set(this.#text.slice(event.anchorStart, event.anchorEnd), node);
    }
    return { value, size: 1, start, end, kind: 'scalar', tree: undefined };
  }

  /** Returns the tag's short name (`str` for `!!str`); reports tags a safe loader rejects. */
  #checkTag(tagStart: number, tagEnd: number, pointer: string): string | undefined {
    if (tagStart < 0) return undefined;
    const tag = this.#text.slice(tagStart, tagEnd);
    const short = tag.startsWith('!!') ? tag.slice(2) : tag.startsWith('!<tag:yaml.org,2002:') ? tag.slice(20, -1) : undefined;
    if (short !== undefined && safeTags.has(short)) return short;
    throw this.#abort('unsupported-tag', tagStart, tagEnd, pointer, `the tag ${tag} cannot be loaded; LiteLLM's safe YAML loader only accepts standard tags`);
  }

  /** Adds a finished node to its parent (or returns it as the root). */
  #attach(stack: Frame[], node: Node, alias = false): Node | undefined {
    const parent = stack.at(-1);
    if (!parent) {
      if (this.#locate) this.#map.root = this.#treeOf(node, -1, -1);
      return node;
    }
    if (node.end > parent.end) parent.end = node.end;
    if (parent.kind === 'seq') {
      parent.children?.push(alias ? this.#treeOf({ ...node, tree: undefined }, -1, -1) : this.#treeOf(node, -1, -1));
      parent.value.push(node.value);
      parent.size += node.size;
      return undefined;
    }
    if (parent.pendingName === undefined) {
      if (parent.complexKey) {
        parent.complexKey = false;
        throw this.#abort('yaml-syntax', node.start, node.end, parent.pointer, 'a list or mapping used as a mapping key; LiteLLM (PyYAML) cannot load it');
      }
      parent.pendingMerge = node.kind === 'scalar' && !alias && node.value === '<<' && this.#text.slice(node.start, node.end) === '<<';
      parent.pendingName = keyName(node.value);
      parent.pendingStart = node.start;
      parent.pendingEnd = node.end;
      return undefined;
    }
    const name = parent.pendingName;
    const keyStart = parent.pendingStart;
    const keyEnd = parent.pendingEnd;
    parent.pendingName = undefined;
    parent.size += node.size;
    if (parent.pendingMerge) {
      parent.merges.push({ node, at: [keyStart, keyEnd] });
      return undefined;
    }
    if (parent.children) {
      const previous = parent.children.get(name);
      if (previous !== undefined) this.#reportDuplicate(name, previous.keyStart, [keyStart, keyEnd], childPointer(parent.pointer, name));
      parent.children.set(name, alias ? this.#treeOf({ ...node, tree: undefined }, keyStart, keyEnd) : this.#treeOf(node, keyStart, keyEnd));
    } else if (Object.hasOwn(parent.value, name)) {
      // Reported by the locating pass, which knows where the first key was.
      this.duplicates = true;
    }
    defineProperty(parent.value, name, node.value);
    return undefined;
  }

  /** The location subtree of a finished node: a collection's own, or a leaf for a scalar or alias site. */
  #treeOf(node: Node, keyStart: number, keyEnd: number): LocationNode {
    return node.tree ?? new LocationNode(this.#source, 'scalar', keyStart, keyEnd, node.start, node.end);
  }

  #close(frame: Frame): Node {
    let end = frame.end;
    if (frame.flow) end = this.#closingBracket(end, frame.kind === 'map' ? '}' : ']');
    if (frame.kind === 'map') this.#applyMerges(frame);
    if (frame.tree) frame.tree.valueEnd = end;
    const node: Node = { value: frame.value, size: frame.size, start: frame.start, end, kind: frame.kind, tree: frame.tree };
    if (frame.anchor !== undefined) this.#anchors.set(frame.anchor, node);
    return node;
  }

  /** `<<: *base` (or a list of them) supplies keys the mapping does not set itself; earlier sources win. */
  #applyMerges(frame: MapFrame): void {
    for (const { node, at } of frame.merges) {
      const sources = Array.isArray(node.value) ? node.value : [node.value];
      for (const merged of sources) {
        if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
          throw this.#abort('yaml-syntax', at[0], at[1], frame.pointer, 'a merge key (<<) must refer to a mapping or a list of mappings');
        }
        for (const [name, item] of Object.entries(merged as Record<string, unknown>)) {
          if (Object.hasOwn(frame.value, name)) continue;
          defineProperty(frame.value, name, item);
          frame.children?.set(name, new LocationNode(this.#source, 'scalar', at[0], at[1], at[0], at[1]));
        }
      }
    }
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

  #reportDuplicate(name: string, firstOffset: number, at: readonly [number, number], pointer: string): void {
    const firstLine = this.#source.position(firstOffset).line;
    this.#findings.push(
      makeFinding(
        'duplicate-key',
        { source: this.#source, start: at[0], end: at[1] },
        { message: `duplicate key '${name}' (first defined on line ${firstLine}); LiteLLM keeps only this last value and silently drops the first`, path: pointer },
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

/** Mapping keys become strings, as JSON needs (`1: x` → "1", `null: x` → "null"). */
function keyName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Sets a key even when it is `__proto__`, without touching the prototype chain. */
function defineProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
