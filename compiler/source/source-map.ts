/**
 * Where every node of the merged config came from: a tree that mirrors the config, each
 * node holding the file and offsets of its key and value. A JSON pointer is resolved by
 * walking the tree, so no pointer strings are built while loading (a 2,000-deployment
 * config has tens of thousands of nodes and usually a handful of findings). Includes graft
 * their subtrees in where their values end up, so a diagnostic about an included
 * deployment points into the included file.
 */
import type { SourceFile } from './source-file.ts';

export type NodeKind = 'map' | 'seq' | 'scalar';

/**
 * One node of the location tree: where the node is (its value's offsets and, for a mapping
 * value, its key's) and, for collections, the children's nodes. One object per node with
 * plain number fields; a collection's children may be given as a function that reads them
 * the first time they are asked for (see event-locations.ts), so a large config only
 * builds the nodes on the paths its findings point at.
 */
export class LocationNode {
  readonly source: SourceFile;
  readonly kind: NodeKind;
  /** Offset of the mapping key, or -1 when the node is not a mapping value. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  valueEnd: number;
  #children: Map<string, LocationNode> | LocationNode[] | undefined;
  #read: (() => Map<string, LocationNode> | LocationNode[]) | undefined;

  constructor(
    source: SourceFile,
    kind: NodeKind,
    keyStart: number,
    keyEnd: number,
    valueStart: number,
    valueEnd: number,
    children?: Map<string, LocationNode> | LocationNode[] | (() => Map<string, LocationNode> | LocationNode[]),
  ) {
    this.source = source;
    this.kind = kind;
    this.keyStart = keyStart;
    this.keyEnd = keyEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    if (typeof children === 'function') this.#read = children;
    else this.#children = children;
  }

  /** Mapping children by key, sequence children by index; undefined for scalars and alias sites. */
  get children(): Map<string, LocationNode> | LocationNode[] | undefined {
    const read = this.#read;
    if (read !== undefined) {
      this.#read = undefined;
      this.#children = read();
    }
    return this.#children;
  }

  child(token: string): LocationNode | undefined {
    const children = this.children;
    if (children === undefined) return undefined;
    if (Array.isArray(children)) return /^(0|[1-9][0-9]*)$/.test(token) ? children[Number(token)] : undefined;
    return children.get(token);
  }
}

/** Which part of a node a diagnostic should underline. */
export type Part = 'key' | 'value' | 'auto';

export interface Span {
  readonly source: SourceFile;
  readonly start: number;
  readonly end: number;
}

/** Resolves JSON pointers of a config to the spans diagnostics underline. */
export class SourceMap {
  /** The location tree's root (undefined when the file has no node). */
  root: LocationNode | undefined;

  /**
   * The span to underline for a pointer. Falls back to the nearest recorded ancestor (a
   * node reached through an alias, or a key the config does not have) so every finding has
   * a position; the ancestor's key is underlined then. `auto` underlines the key of a
   * collection and the value of a scalar.
   */
  span(pointer: string, part: Part = 'auto'): Span | undefined {
    const root = this.root;
    if (root === undefined) return undefined;
    let current: LocationNode = root;
    let exact = true;
    if (pointer !== '') {
      for (const raw of pointer.slice(1).split('/')) {
        const next: LocationNode | undefined = current.child(decodeToken(raw));
        if (next === undefined) {
          exact = false;
          break;
        }
        current = next;
      }
    }
    const location = current;
    const useKey = location.keyStart >= 0 && (part === 'key' || (part === 'auto' && location.kind !== 'scalar') || !exact);
    const start = useKey ? location.keyStart : location.valueStart;
    const end = useKey ? location.keyEnd : location.valueEnd;
    return { source: location.source, start, end: trimEnd(location.source.text, start, end) };
  }
}

function decodeToken(raw: string): string {
  return raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
}

/** Block collections' ranges run to the next line; underline only up to the last visible character. */
function trimEnd(text: string, start: number, end: number): number {
  let cut = end;
  while (cut > start) {
    const code = text.charCodeAt(cut - 1);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    cut -= 1;
  }
  return cut;
}
