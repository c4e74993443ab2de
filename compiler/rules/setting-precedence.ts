/**
 * Several router settings may be written in litellm_settings (as module defaults) or in
 * router_settings (as Router arguments). When both are set, the router_settings value wins
 * (for the fallback lists: when it is non-empty), which surprises people who edit the
 * other one (reference §1 precedence note, §12 #18). Explained at the value that loses.
 */
import { describePath } from '../validate/value-at.ts';
import type { Rule } from './rule.ts';

const scalarKeys = ['num_retries', 'allowed_fails', 'max_fallbacks'] as const;
const listKeys = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks', 'default_fallbacks'] as const;

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export const settingPrecedence: Rule = {
  id: 'setting-precedence',
  description: 'explains which of two copies of a router setting LiteLLM uses',
  check(context) {
    const { routerSettings: router, litellmSettings: litellm } = context.index;
    for (const key of scalarKeys) {
      if (!isSet(router[key]) || !isSet(litellm[key]) || router[key] === litellm[key]) continue;
      context.report({
        pointer: `/litellm_settings/${key}`,
        part: 'key',
        message: `${key} is also set in router_settings (${String(router[key])}), which wins; ${describePath(`/litellm_settings/${key}`)} (${String(litellm[key])}) is not used by the router`,
      });
    }
    for (const key of listKeys) {
      const routerList = router[key];
      if (!Array.isArray(routerList) || routerList.length === 0 || !isSet(litellm[key])) continue;
      context.report({
        pointer: `/litellm_settings/${key}`,
        part: 'key',
        message: `${key} is also set (non-empty) in router_settings, which wins; the litellm_settings list is not used by the router`,
      });
    }
  },
};
