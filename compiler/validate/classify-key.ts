/**
 * Why a key is not accepted where it is written: a near miss of a key that belongs here
 * (a typo), a real key of another section (misplaced), or simply unknown. One function, so
 * the schema translation and the open-section check speak with one voice.
 */
import { nearestName } from '../diagnostics/suggest.ts';
import { sectionKeys, type Section } from './schema-facts.ts';

export type KeyVerdict =
  | { readonly kind: 'typo'; readonly suggestion: string }
  | { readonly kind: 'misplaced'; readonly home: Section; readonly homeLabel: string }
  | { readonly kind: 'unknown' };

/** Where keys that users put in the wrong place actually belong, checked in this order. */
const homes: readonly Section[] = ['general_settings', 'litellm_settings', 'router_settings', 'root', 'litellm_params'];

/** Keys whose proper home is not simply "the first section that knows them". */
const preferredHome: Readonly<Record<string, Section>> = {
  cache: 'litellm_settings',
  cache_params: 'litellm_settings',
  master_key: 'general_settings',
  database_url: 'general_settings',
  health_check_interval: 'general_settings',
  max_retries: 'litellm_params',
};

const knownSets = new Map<Section, ReadonlySet<string>>(Object.entries(sectionKeys).map(([name, keys]) => [name as Section, new Set(keys)]));

/** Human label of a section, as the user would write it. */
export function sectionLabel(section: Section): string {
  if (section === 'root') return 'the top level';
  if (section === 'litellm_params') return "a deployment's litellm_params";
  if (section === 'model_info') return "a deployment's model_info";
  if (section === 'cache_params') return 'litellm_settings.cache_params';
  return section;
}

/** True when `key` is a known key of `section`. */
export function isKnownKey(section: Section, key: string): boolean {
  return knownSets.get(section)?.has(key) ?? false;
}

/** Classifies a key that `section` does not accept; `known` are the keys it does accept. */
export function classifyKey(section: Section | undefined, key: string, known: readonly string[]): KeyVerdict {
  if (section !== undefined) {
    const preferred = preferredHome[key];
    if (preferred && preferred !== section) return { kind: 'misplaced', home: preferred, homeLabel: sectionLabel(preferred) };
  }
  // A real key of another section is a placement mistake even when it also resembles a
  // key of this one (`max_retries` in router_settings is not a typo of `num_retries`).
  if (section !== undefined && (section === 'root' || section === 'router_settings' || section === 'litellm_settings' || section === 'general_settings')) {
    for (const home of homes) {
      if (home !== section && isKnownKey(home, key)) return { kind: 'misplaced', home, homeLabel: sectionLabel(home) };
    }
  }
  const suggestion = nearestName(key, known);
  if (suggestion !== undefined) return { kind: 'typo', suggestion };
  return { kind: 'unknown' };
}
