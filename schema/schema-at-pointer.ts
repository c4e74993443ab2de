/**
 * Finds the schema node that describes the value at a JSON pointer of a config, e.g.
 * `/router_settings/retry_policy` → the `retry_policy` definition. Diagnostics need it for
 * titles, allowed values and known keys. ajv's `schemaPath` cannot serve: inside a `$ref`'d
 * definition it is relative to that definition (`#/additionalProperties` for a bad
 * retry_policy key), so it does not say which definition it came from.
 */
import schemaDocument from './litellm-config.schema.json' with { type: 'json' };

/** A JSON Schema node, typed loosely: only the keywords lookups read. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

const schema = schemaDocument as unknown as SchemaNode & { readonly $defs: Readonly<Record<string, SchemaNode>> };

/** Follows local `$ref`s (`#/$defs/name`) until a node without one. */
export function resolveReference(node: SchemaNode): SchemaNode {
  let current = node;
  // The schema's definitions never refer to one another in a cycle; the bound is a guard.
  for (let hops = 0; current.$ref !== undefined && hops < 8; hops += 1) {
    const target = schema.$defs[current.$ref.replace('#/$defs/', '')];
    if (target === undefined) break;
    // Annotations written next to a $ref (description, bounds) describe this use of the
    // definition more precisely than the definition's own, so they win.
    const { $ref: _reference, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** Decodes one RFC 6901 reference token. */
function decodeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * The schema node for the value at `pointer` (RFC 6901, `""` is the whole document), or
 * undefined where the schema says nothing (inside free-form mappings such as provider
 * parameters passed through as they are).
 */
export function schemaAtPointer(pointer: string): SchemaNode | undefined {
  let node: SchemaNode = resolveReference(schema);
  if (pointer === '') return node;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodeToken(raw);
    const next: SchemaNode | boolean | undefined =
      node.properties?.[token] ?? (/^(0|[1-9][0-9]*)$/.test(token) && node.items !== undefined ? node.items : node.additionalProperties);
    if (next === undefined || typeof next === 'boolean') return undefined;
    node = resolveReference(next);
  }
  return node;
}

/** The property names an object node declares (empty for free-form mappings). */
export function declaredKeys(node: SchemaNode | undefined): readonly string[] {
  return Object.keys(node?.properties ?? {});
}
