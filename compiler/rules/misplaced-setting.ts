/**
 * Settings whose wrong placement has a consequence worth spelling out (reference §4–§6,
 * §12 #3, #6): health_check_interval under router_settings stops LiteLLM from starting;
 * master_key under litellm_settings leaves the proxy without authentication; caching keys
 * under router_settings are dropped. Other misplaced keys are reported by the schema pass
 * with the section they belong to.
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { Rule } from './rule.ts';

interface Placement {
  readonly section: 'router_settings' | 'litellm_settings' | 'general_settings';
  readonly key: string;
  readonly severity: Severity;
  readonly message: string;
}

const placements: readonly Placement[] = [
  {
    section: 'router_settings',
    key: 'health_check_interval',
    severity: 'error',
    message: "health_check_interval is not a router setting; LiteLLM refuses to start. Move it to general_settings (with background_health_checks: true)",
  },
  { section: 'router_settings', key: 'cache', severity: 'error', message: 'cache is not a router setting and is dropped; enable caching with litellm_settings.cache: true' },
  { section: 'router_settings', key: 'cache_params', severity: 'error', message: 'cache_params is not a router setting and is dropped; it belongs in litellm_settings (next to cache: true)' },
  { section: 'router_settings', key: 'master_key', severity: 'error', message: 'master_key is not a router setting and is dropped; it belongs in general_settings' },
  { section: 'router_settings', key: 'database_url', severity: 'error', message: 'database_url is not a router setting and is dropped; it belongs in general_settings' },
  {
    section: 'litellm_settings',
    key: 'master_key',
    severity: 'warning',
    message: 'master_key under litellm_settings is not the proxy master key; unless LITELLM_MASTER_KEY is set the proxy runs without authentication. Move it to general_settings',
  },
  {
    section: 'litellm_settings',
    key: 'database_url',
    severity: 'warning',
    message: 'database_url under litellm_settings is not read by the proxy; move it to general_settings (or set DATABASE_URL)',
  },
  {
    section: 'litellm_settings',
    key: 'health_check_interval',
    severity: 'warning',
    message: 'health_check_interval under litellm_settings is not read; move it to general_settings',
  },
];

export const misplacedSetting: Rule = {
  id: 'misplaced-setting',
  description: 'settings are written in the section that reads them',
  check(context) {
    const sections = { router_settings: context.index.routerSettings, litellm_settings: context.index.litellmSettings, general_settings: context.index.generalSettings };
    for (const placement of placements) {
      if (!Object.hasOwn(sections[placement.section], placement.key)) continue;
      context.report({
        pointer: childPointer(childPointer('', placement.section), placement.key),
        part: 'key',
        message: placement.message,
        severity: placement.severity,
      });
    }
  },
};
