/**
 * The location tree of one YAML file, read lazily from the parser's events. The loader
 * builds the value in one pass and records only a few numbers per collection (where its
 * events end, where its text ends); a collection's child locations are read from the
 * events the first time a pointer goes through it. A 2,000-deployment config has tens of
 * thousands of nodes and a handful of findings, so only the few collections on the
 * findings' paths are ever expanded.
 */
import type { AliasEvent, Event, MappingEvent, ScalarEvent, SequenceEvent } from 'js-yaml';
import { EVENT, keyName, safeTagName, scalarEnd, scalarStart, scalarValue } from './scalar-event.ts';
import type { SourceFile } from './source-file.ts';
import { LocationNode } from './source-map.ts';

/** A key a `<<` merge added to a mapping, located at that `<<` key. */
export interface MergedKey {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** What the loader records while building the value, for reading locations later. */
export interface EventFacts {
  /** For a collection's opening event: the index of its closing (POP) event. */
  readonly close: Int32Array;
  /** For a collection's opening event: the end offset of its text (closing bracket included). */
  readonly ends: Int32Array;
  /** Keys a mapping received from `<<` merges, by the mapping's event index. */
  readonly merged: ReadonlyMap<number, readonly MergedKey[]>;
}

/** Events by index: js-yaml's array, or the fast scanner's compact table. */
export interface EventList {
  readonly length: number;
  at(index: number): Event | undefined;
}

/** Reads locations from the events of one source. */
export class EventLocations {
  readonly #source: SourceFile;
  readonly #text: string;
  readonly #events: EventList;
  readonly #facts: EventFacts;

  constructor(source: SourceFile, events: EventList, facts: EventFacts) {
    this.#source = source;
    this.#text = source.text;
    this.#events = events;
    this.#facts = facts;
  }

  /** The root's location, or undefined when the document has no node. */
  root(rootIndex: number): LocationNode | undefined {
    if (rootIndex < 0) return undefined;
    return this.#node(rootIndex, -1, -1, 0);
  }

  /**
   * Offset of the last key named `name` in the mapping opened at `mapIndex`, among the keys
   * before event `before` (for "first defined on line N" of a duplicate key); -1 if none.
   */
  previousKeyStart(mapIndex: number, before: number, name: string): number {
    let found = -1;
    this.#pairs(mapIndex, before, (keyName, keyStart, _keyEnd, _keyIndex, _valueIndex, merge) => {
      if (keyName === name && !merge) found = keyStart;
    });
    return found;
  }

  /** The location node of the event at `index` (a collection expands lazily). */
  #node(index: number, keyStart: number, keyEnd: number, emptyAt: number): LocationNode {
    const event = this.#events.at(index)!;
    if (event.type === EVENT.MAPPING || event.type === EVENT.SEQUENCE) {
      const kind = event.type === EVENT.MAPPING ? 'map' : 'seq';
      const children = kind === 'map' ? () => this.#mappingChildren(index) : () => this.#sequenceChildren(index);
      return new LocationNode(this.#source, kind, keyStart, keyEnd, event.start, this.#facts.ends[index]!, children);
    }
    if (event.type === EVENT.ALIAS) {
      const alias = event as AliasEvent;
      return new LocationNode(this.#source, 'scalar', keyStart, keyEnd, alias.anchorStart - 1, alias.anchorEnd);
    }
    const scalar = event as ScalarEvent;
    return new LocationNode(this.#source, 'scalar', keyStart, keyEnd, scalarStart(scalar, emptyAt), scalarEnd(scalar, emptyAt));
  }

  /** Index of the event after the node that starts at `index`. */
  #next(index: number): number {
    const type = this.#events.at(index)!.type;
    return type === EVENT.MAPPING || type === EVENT.SEQUENCE ? this.#facts.close[index]! + 1 : index + 1;
  }

  /** End offset of the node at `index`, as the loader's running `end` saw it. */
  #endOf(index: number, emptyAt: number): number {
    const event = this.#events.at(index)!;
    if (event.type === EVENT.MAPPING || event.type === EVENT.SEQUENCE) return this.#facts.ends[index]!;
    if (event.type === EVENT.ALIAS) return (event as AliasEvent).anchorEnd;
    return scalarEnd(event as ScalarEvent, emptyAt);
  }

  /** A collection's running end before its first child, as the loader starts it. */
  #initialEnd(index: number): number {
    const event = this.#events.at(index) as MappingEvent | SequenceEvent;
    return (event.anchorStart >= 0 ? Math.min(event.start, event.anchorStart - 1) : event.start) + 1;
  }

  /**
   * Calls `visit` for each key/value pair of the mapping opened at `mapIndex`, stopping at
   * event `stop`. Empty scalars are placed as the loader places them: a key at the
   * mapping's running end, a value right after its key.
   */
  #pairs(mapIndex: number, stop: number, visit: (name: string, keyStart: number, keyEnd: number, keyIndex: number, valueIndex: number, merge: boolean) => void): void {
    const events = this.#events;
    let end = this.#initialEnd(mapIndex);
    for (let index = mapIndex + 1; index < stop; ) {
      const keyIndex = index;
      const keyEvent = events.at(keyIndex)!;
      let name: string;
      let keyStart: number;
      let keyEnd: number;
      let merge = false;
      if (keyEvent.type === EVENT.ALIAS) {
        // Not reached for a loaded file (the loader refuses alias keys); kept total.
        name = '';
        keyStart = (keyEvent as AliasEvent).anchorStart - 1;
        keyEnd = (keyEvent as AliasEvent).anchorEnd;
      } else {
        const scalar = keyEvent as ScalarEvent;
        const tag = scalar.tagStart >= 0 ? safeTagName(this.#text, scalar.tagStart, scalar.tagEnd) : undefined;
        const value = scalarValue(this.#text, scalar, tag);
        name = keyName(value);
        keyStart = scalarStart(scalar, end);
        keyEnd = scalarEnd(scalar, end);
        merge = value === '<<' && this.#text.slice(keyStart, keyEnd) === '<<';
      }
      if (keyEnd > end) end = keyEnd;
      const valueIndex = keyIndex + 1;
      if (valueIndex >= stop) break;
      visit(name, keyStart, keyEnd, keyIndex, valueIndex, merge);
      const valueEnd = this.#endOf(valueIndex, keyEnd);
      if (valueEnd > end) end = valueEnd;
      index = this.#next(valueIndex);
    }
  }

  #mappingChildren(mapIndex: number): Map<string, LocationNode> {
    const children = new Map<string, LocationNode>();
    this.#pairs(mapIndex, this.#facts.close[mapIndex]!, (name, keyStart, keyEnd, _keyIndex, valueIndex, merge) => {
      if (!merge) children.set(name, this.#node(valueIndex, keyStart, keyEnd, keyEnd));
    });
    for (const key of this.#facts.merged.get(mapIndex) ?? []) {
      children.set(key.name, new LocationNode(this.#source, 'scalar', key.start, key.end, key.start, key.end));
    }
    return children;
  }

  #sequenceChildren(seqIndex: number): LocationNode[] {
    const children: LocationNode[] = [];
    const stop = this.#facts.close[seqIndex]!;
    let end = this.#initialEnd(seqIndex);
    for (let index = seqIndex + 1; index < stop; index = this.#next(index)) {
      children.push(this.#node(index, -1, -1, end));
      const itemEnd = this.#endOf(index, end);
      if (itemEnd > end) end = itemEnd;
    }
    return children;
  }
}
