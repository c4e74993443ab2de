import { isRecord } from '../shared/openai-messages.ts';

/** JSON Schema keywords Gemini's OpenAPI-subset `Schema` rejects (providers.md §5.2). */
const REJECTED_KEYS: ReadonlySet<string> = new Set(['$schema', '$id', 'additionalProperties', 'strict', '$defs', 'definitions', '$comment']);

/** How deep `$ref`s are followed; a self-referencing schema is cut off rather than looping. */
const MAX_DEPTH = 16;

/**
 * Rewrites a JSON Schema into the subset Gemini's function `parameters` and
 * `responseSchema` accept: local `$ref`s (`#/$defs/…`, `#/definitions/…`) are
 * inlined and rejected keywords removed, at every depth.
 */
export function cleanSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = {
    ...(isRecord(schema['definitions']) ? schema['definitions'] : {}),
    ...(isRecord(schema['$defs']) ? schema['$defs'] : {}),
  };
  return clean(schema, definitions, 0) as Record<string, unknown>;
}

function clean(value: unknown, definitions: Record<string, unknown>, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => clean(item, definitions, depth));
  if (!isRecord(value)) return value;
  const ref = value['$ref'];
  if (typeof ref === 'string') {
    const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1];
    const target = name === undefined ? undefined : definitions[name];
    if (isRecord(target) && depth < MAX_DEPTH) return clean(target, definitions, depth + 1);
    return { type: 'object' };
  }
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (REJECTED_KEYS.has(key)) continue;
    // `properties` maps names to schemas: its keys are user names, not keywords.
    if (key === 'properties' && isRecord(child)) {
      const properties: Record<string, unknown> = {};
      for (const [name, schema] of Object.entries(child)) properties[name] = clean(schema, definitions, depth);
      result[key] = properties;
    } else result[key] = clean(child, definitions, depth);
  }
  return result;
}
