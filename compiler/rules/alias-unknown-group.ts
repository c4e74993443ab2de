/**
 * Every model_group_alias target must be a model group (or a name a wildcard route
 * serves). LiteLLM does not check: requests for the alias fail with "Invalid model name".
 * List-valued aliases are reported by alias-shape; their items are still checked here, so
 * the fix (pick one group) is made with the right name.
 */
import { nearestName } from '../diagnostics/suggest.ts';
import { childPointer } from '../source/json-pointer.ts';
import { asRecord, type ConfigIndex } from './config-index.ts';
import { groupReporter } from './group-reporter.ts';
import type { Report, Rule } from './rule.ts';

export const aliasUnknownGroup: Rule = {
  id: 'alias-unknown-group',
  description: 'model_group_alias targets name model groups that exist',
  check(context) {
    const { index } = context;
    const report = groupReporter(context);
    const aliases = asRecord(index.routerSettings.model_group_alias);
    if (!aliases) return;
    for (const [alias, target] of Object.entries(aliases)) {
      const pointer = childPointer('/router_settings/model_group_alias', alias);
      if (typeof target === 'string') check(index, alias, target, pointer, report);
      else if (Array.isArray(target)) {
        target.forEach((item, position) => {
          if (typeof item === 'string') check(index, alias, item, childPointer(pointer, position), report);
        });
      } else {
        const mapping = asRecord(target);
        if (mapping && typeof mapping.model === 'string') check(index, alias, mapping.model, childPointer(pointer, 'model'), report);
      }
    }
  },
};

function check(index: ConfigIndex, alias: string, target: string, pointer: string, report: (report: Report) => void): void {
  if (index.isRoutableGroup(target)) return;
  const groups = index.underlyingModels.get(target);
  if (groups) {
    report({
      pointer,
      part: 'value',
      message: `alias '${alias}' points at '${target}', a litellm_params.model, not a model group; did you mean '${firstOf(groups)}'?`,
      suggestion: firstOf(groups),
    });
    return;
  }
  const suggestion = nearestName(target, index.groups);
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  const aliasHint = !suggestion && index.aliases.has(target) ? ` ('${target}' is itself an alias; aliases are not followed twice)` : '';
  report({
    pointer,
    part: 'value',
    message: `alias '${alias}' points at '${target}', but no deployment has model_name '${target}'${hint}${aliasHint}`,
    ...(suggestion ? { suggestion } : {}),
  });
}

function firstOf(groups: ReadonlySet<string>): string {
  return groups.values().next().value!;
}
