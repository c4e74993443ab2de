/**
 * Where fallback lists live: `fallbacks`, `context_window_fallbacks`,
 * `content_policy_fallbacks` (lists of `{group: [targets]}`) and `default_fallbacks` (a list
 * of groups), each in router_settings or litellm_settings (reference §4, §5).
 */
import { childPointer } from '../source/json-pointer.ts';
import type { ConfigIndex } from './config-index.ts';

export const mappingListKeys = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const;
export type MappingListKey = (typeof mappingListKeys)[number];

export interface FallbackSetting {
  /** `router_settings` or `litellm_settings`. */
  readonly section: string;
  readonly key: MappingListKey | 'default_fallbacks';
  readonly pointer: string;
  readonly value: unknown;
}

/** Every fallback setting present in the config. */
export function fallbackSettings(index: ConfigIndex): FallbackSetting[] {
  const settings: FallbackSetting[] = [];
  for (const [section, values] of [
    ['router_settings', index.routerSettings],
    ['litellm_settings', index.litellmSettings],
  ] as const) {
    for (const key of [...mappingListKeys, 'default_fallbacks'] as const) {
      if (!Object.hasOwn(values, key)) continue;
      settings.push({ section, key, pointer: childPointer(childPointer('', section), key), value: values[key] });
    }
  }
  return settings;
}
