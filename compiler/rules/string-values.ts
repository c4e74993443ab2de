/**
 * Every string value in the config, computed once per config and shared by the rules that
 * look at strings (environment references, placeholders, secrets). Pointers are built only
 * for the strings a rule reports: a 2,000-deployment config has tens of thousands of
 * strings and almost no findings.
 */
import { childPointer } from '../source/json-pointer.ts';

export class StringValue {
  readonly value: string;
  /** The mapping key holding the string, or undefined for a list item. */
  readonly key: string | undefined;
  /** The top-level section the string is in (`model_list`, `router_settings`, …). */
  readonly section: string;
  /** True when the string is itself a list item (LiteLLM never resolves os.environ/ there). */
  readonly listItem: boolean;
  readonly #container: string;
  readonly #token: string | number;

  constructor(value: string, container: string, token: string | number, section: string) {
    this.value = value;
    this.#container = container;
    this.#token = token;
    this.key = typeof token === 'string' ? token : undefined;
    this.listItem = typeof token === 'number';
    this.section = section;
  }

  /** JSON pointer of the string. */
  get pointer(): string {
    return childPointer(this.#container, this.#token);
  }
}

const cache = new WeakMap<object, readonly StringValue[]>();

/** All string values of `config`, depth first, in document order. */
export function stringValues(config: object): readonly StringValue[] {
  const cached = cache.get(config);
  if (cached) return cached;
  const found: StringValue[] = [];
  const visit = (node: object, pointer: string, section: string, depth: number): void => {
    if (depth > 256) return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index += 1) {
        const item: unknown = node[index];
        if (typeof item === 'string') found.push(new StringValue(item, pointer, index, section));
        else if (item !== null && typeof item === 'object') visit(item, childPointer(pointer, index), section, depth + 1);
      }
      return;
    }
    for (const name in node) {
      const item: unknown = (node as Record<string, unknown>)[name];
      const itemSection = depth === 0 ? name : section;
      if (typeof item === 'string') found.push(new StringValue(item, pointer, name, itemSection));
      else if (item !== null && typeof item === 'object') visit(item, childPointer(pointer, name), itemSection, depth + 1);
    }
  };
  visit(config, '', '', 0);
  cache.set(config, found);
  return found;
}
