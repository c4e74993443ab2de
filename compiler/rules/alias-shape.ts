/**
 * `router_settings.model_group_alias` maps an alias to one group: either a string or
 * `{model: group, hidden: bool}`. A list (as some guides write, "alias → several groups")
 * passes LiteLLM's startup but crashes the first request for the alias, because the
 * resolver treats the value as a group name.
 */
import { childPointer } from '../source/json-pointer.ts';
import { describeType } from '../validate/value-at.ts';
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';

export const aliasShape: Rule = {
  id: 'alias-shape',
  description: 'model_group_alias values are a group name or {model, hidden}',
  check(context) {
    const aliases = asRecord(context.index.routerSettings.model_group_alias);
    if (!aliases) return;
    for (const [alias, target] of Object.entries(aliases)) {
      const pointer = childPointer('/router_settings/model_group_alias', alias);
      if (typeof target === 'string') continue;
      if (Array.isArray(target)) {
        const first = target.find((item): item is string => typeof item === 'string');
        const hint =
          target.length > 1
            ? ` An alias points at exactly one group; to spread '${alias}' over several, give their deployments the same model_name, or add fallbacks.`
            : '';
        context.report({
          pointer,
          part: 'value',
          message: `alias '${alias}' maps to a list; LiteLLM accepts it at startup but requests for '${alias}' then fail. Use a single group name${first ? `, e.g. ${alias}: ${first}` : ''}.${hint}`,
          ...(first ? { suggestion: first } : {}),
        });
        continue;
      }
      const mapping = asRecord(target);
      if (mapping) {
        if (typeof mapping.model !== 'string') {
          context.report({ pointer, part: 'value', message: `alias '${alias}' must name its group in 'model' ({model: <group>, hidden: true|false})` });
        }
        continue;
      }
      context.report({ pointer, part: 'value', message: `alias '${alias}' must map to a model group name, got ${describeType(target)}` });
    }
  },
};
