/**
 * Fallback entries must name model groups that exist. LiteLLM does not check this: a
 * misspelled source group means the entry never fires, and a misspelled target fails at
 * request time ("No fallback model group found"). A name is accepted when it is a group,
 * an alias, a deployment id (targets only: "fallback to a specific deployment"), or served
 * by a wildcard route; `"*"` is accepted as a source of generic `fallbacks`.
 */
import { nearestName } from '../diagnostics/suggest.ts';
import { childPointer } from '../source/json-pointer.ts';
import { describePath } from '../validate/value-at.ts';
import { asRecord, type ConfigIndex } from './config-index.ts';
import { fallbackSettings } from './fallback-lists.ts';
import { groupReporter } from './group-reporter.ts';
import type { Report, Rule } from './rule.ts';

export const fallbackUnknownGroup: Rule = {
  id: 'fallback-unknown-group',
  description: 'fallback sources and targets name model groups, aliases or deployment ids that exist',
  check(context) {
    const { index } = context;
    const report = groupReporter(context);
    for (const setting of fallbackSettings(index)) {
      const { value, pointer, key } = setting;
      if (!Array.isArray(value)) continue;
      if (key === 'default_fallbacks') {
        value.forEach((target, position) => checkTarget(index, target, childPointer(pointer, position), report));
        continue;
      }
      value.forEach((item, position) => {
        const mapping = asRecord(item);
        if (!mapping) return;
        const keys = Object.keys(mapping);
        if (keys.length !== 1) return;
        const source = keys[0]!;
        const sourcePointer = childPointer(childPointer(pointer, position), source);
        if (source === '*') {
          // Exact-match lookup only for these two lists (reference §12 #9, PR #40977).
          if (key !== 'fallbacks') {
            context.report({
              pointer: sourcePointer,
              part: 'key',
              severity: 'warning',
              message: `'*' is not matched in ${key}: LiteLLM looks these up by exact group name, so this entry never fires`,
            });
          }
        } else if (!isKnownSource(index, source)) {
          report({ pointer: sourcePointer, part: 'key', ...unknownName(index, source, `${key} entry '${source}' never fires`) });
        }
        const targets = mapping[source];
        if (!Array.isArray(targets)) return;
        targets.forEach((target, targetPosition) => checkTarget(index, target, childPointer(sourcePointer, targetPosition), report));
      });
    }
  },
};

function isKnownSource(index: ConfigIndex, name: string): boolean {
  return index.isRoutableGroup(name) || index.aliases.has(name);
}

function checkTarget(index: ConfigIndex, target: unknown, pointer: string, report: (report: Report) => void): void {
  if (typeof target !== 'string') {
    if (target !== null && typeof target === 'object') report({ pointer, part: 'value', message: `${describePath(pointer)} must be a model group name` });
    return;
  }
  if (isKnownSource(index, target) || index.ids.has(target)) return;
  const groups = index.underlyingModels.get(target);
  if (groups) {
    report({
      pointer,
      part: 'value',
      severity: 'warning',
      message: `fallback target '${target}' is a litellm_params.model, not a model group; LiteLLM only reaches it through its last-resort model-string lookup. Name the group '${firstOf(groups)}' instead`,
      suggestion: firstOf(groups),
    });
    return;
  }
  report({ pointer, part: 'value', ...unknownName(index, target, 'requests that fall back to it fail') });
}

/** Message and suggestion for a name that is not a group. */
function unknownName(index: ConfigIndex, name: string, consequence: string): Pick<Report, 'message' | 'suggestion'> {
  const groups = index.underlyingModels.get(name);
  if (groups) {
    return {
      message: `'${name}' is a litellm_params.model, not a model group (model_name); the ${consequence}. Did you mean '${firstOf(groups)}'?`,
      suggestion: firstOf(groups),
    };
  }
  const suggestion = nearestName(name, [...index.groups, ...index.aliases]);
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  return { message: `no model group named '${name}'${hint} (${consequence})`, ...(suggestion ? { suggestion } : {}) };
}

function firstOf(groups: ReadonlySet<string>): string {
  return groups.values().next().value!;
}
