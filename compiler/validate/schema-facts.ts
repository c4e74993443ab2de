/**
 * What the linter needs to know from the JSON Schema beyond pass/fail: the keys each
 * section accepts (for "did you mean" and "this belongs in general_settings") and the
 * schema node describing a value (for its title and allowed values). The schema in
 * schema/ is the single source; this module only adapts its lookups.
 */
import { knownKeys } from '../../schema/known-keys.ts';
import { schemaAtPointer, type SchemaNode } from '../../schema/schema-at-pointer.ts';

export type { SchemaNode };

/** The schema node for the value at a JSON pointer of the config (refs resolved). */
export function schemaFor(pointer: string): SchemaNode | undefined {
  return schemaAtPointer(pointer);
}

/** Known keys per section, in schema order (commonest first, which breaks suggestion ties). */
export const sectionKeys = {
  root: [...knownKeys.root],
  router_settings: [...knownKeys.router_settings],
  litellm_settings: [...knownKeys.litellm_settings],
  general_settings: [...knownKeys.general_settings],
  litellm_params: [...knownKeys.litellm_params],
  model_info: [...knownKeys.model_info],
  cache_params: [...knownKeys.cache_params],
} as const;

export type Section = keyof typeof sectionKeys;

/** The valid routing strategies, from the schema's enum. */
export const routingStrategies: readonly string[] = (schemaAtPointer('/router_settings/routing_strategy')?.enum ?? []).filter(
  (value): value is string => typeof value === 'string',
);
