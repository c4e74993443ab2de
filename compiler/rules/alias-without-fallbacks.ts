/**
 * LiteLLM looks fallbacks up by the model name as requested, not by the group an alias
 * resolves to (reference §7.2, §12 #8, issue #10317). With `gpt-4: gpt-4o` and fallbacks
 * keyed on `gpt-4o`, a request for `gpt-4` gets no fallbacks. Reported at the alias.
 */
import { childPointer } from '../source/json-pointer.ts';
import { asRecord } from './config-index.ts';
import { fallbackSettings } from './fallback-lists.ts';
import type { Rule } from './rule.ts';

export const aliasWithoutFallbacks: Rule = {
  id: 'alias-without-fallbacks',
  description: 'aliases of groups that have fallbacks get fallback entries of their own',
  check(context) {
    const aliases = asRecord(context.index.routerSettings.model_group_alias);
    if (!aliases) return;
    // Source names with fallbacks, per list kind; "*" covers every requested name.
    const keyed = new Map<string, Set<string>>();
    for (const setting of fallbackSettings(context.index)) {
      if (setting.key === 'default_fallbacks' || !Array.isArray(setting.value)) continue;
      const names = keyed.get(setting.key) ?? new Set<string>();
      for (const item of setting.value) {
        const mapping = asRecord(item);
        if (mapping) for (const name of Object.keys(mapping)) names.add(name);
      }
      keyed.set(setting.key, names);
    }
    for (const [alias, target] of Object.entries(aliases)) {
      const group = typeof target === 'string' ? target : typeof asRecord(target)?.model === 'string' ? (asRecord(target)!.model as string) : undefined;
      if (group === undefined) continue;
      for (const [list, names] of keyed) {
        if (!names.has(group) || names.has(alias) || (list === 'fallbacks' && names.has('*'))) continue;
        context.report({
          pointer: childPointer('/router_settings/model_group_alias', alias),
          part: 'key',
          message: `requests for alias '${alias}' do not use the ${list} of '${group}': LiteLLM looks fallbacks up by the requested name. Add an entry for '${alias}' too`,
        });
        break;
      }
    }
  },
};
