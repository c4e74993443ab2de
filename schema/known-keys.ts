/**
 * The keys each section of the config accepts, read from the schema's `properties` (the
 * schema is the single source). `litellm_settings` and `general_settings` stay open in the
 * schema because LiteLLM accepts any key there; the linter uses these sets to call an unknown
 * key a typo (near miss of a known key: error) or an unknown setting (warning), and to say
 * which section a misplaced key belongs to.
 */
import { declaredKeys, schemaAtPointer } from './schema-at-pointer.ts';

function keysAt(pointer: string): ReadonlySet<string> {
  return new Set(declaredKeys(schemaAtPointer(pointer)));
}

/** Known keys per section; the section names are the ones users write in the file. */
export const knownKeys = {
  root: keysAt(''),
  model_list: keysAt('/model_list/0'),
  litellm_params: keysAt('/model_list/0/litellm_params'),
  model_info: keysAt('/model_list/0/model_info'),
  router_settings: keysAt('/router_settings'),
  litellm_settings: keysAt('/litellm_settings'),
  cache_params: keysAt('/litellm_settings/cache_params'),
  general_settings: keysAt('/general_settings'),
} as const;

/** A section of the config whose keys are listed in {@link knownKeys}. */
export type Section = keyof typeof knownKeys;

/** The settings sections a key is known in, for "did you mean to put it under …?". */
export function sectionsDefining(key: string): readonly Section[] {
  const settings: readonly Section[] = ['general_settings', 'litellm_settings', 'router_settings'];
  return settings.filter((section) => knownKeys[section].has(key));
}
