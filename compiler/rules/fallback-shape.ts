/**
 * Fallback lists must be lists of single-key mappings `{group: [targets]}`; LiteLLM
 * validates this at startup and refuses to start ("Item … is not a dictionary", "must have
 * exactly one key"). A flat list of names is the commonest slip (only `default_fallbacks`
 * takes one). A target list that is a single string is iterated character by character.
 */
import { childPointer } from '../source/json-pointer.ts';
import { describePath, describeType, quote } from '../validate/value-at.ts';
import { asRecord } from './config-index.ts';
import { fallbackSettings } from './fallback-lists.ts';
import type { Rule } from './rule.ts';

export const fallbackShape: Rule = {
  id: 'fallback-shape',
  description: 'fallbacks / context_window_fallbacks / content_policy_fallbacks items are single-key mappings of group → list of groups',
  check(context) {
    for (const setting of fallbackSettings(context.index)) {
      const { value, pointer, key } = setting;
      if (value === null || value === undefined) continue;
      if (key === 'default_fallbacks') {
        if (!Array.isArray(value) && typeof value !== 'string') {
          context.report({ pointer, part: 'value', message: `${describePath(pointer)} must be a list of model group names, got ${describeType(value)}` });
        }
        continue;
      }
      if (!Array.isArray(value)) {
        const hint = asRecord(value) ? ' (wrap each `group: [targets]` entry in a list item: `- group: [targets]`)' : '';
        context.report({ pointer, part: 'value', message: `${describePath(pointer)} must be a list of single-key mappings {group: [fallback groups]}, got ${describeType(value)}${hint}` });
        continue;
      }
      value.forEach((item, position) => {
        const itemPointer = childPointer(pointer, position);
        const mapping = asRecord(item);
        if (!mapping) {
          const hint = typeof item === 'string' ? `; to fall back from every group write default_fallbacks: [${item}], or name the source group: {<group>: [${item}]}` : '';
          context.report({
            pointer: itemPointer,
            part: 'value',
            message: `${describePath(itemPointer)} is ${typeof item === 'string' ? `the bare name ${quote(item)}` : describeType(item)}; each item must be a single-key mapping {group: [fallback groups]} (LiteLLM refuses to start)${hint}`,
          });
          return;
        }
        const keys = Object.keys(mapping);
        if (keys.length !== 1) {
          context.report({
            pointer: itemPointer,
            part: 'value',
            message: `${describePath(itemPointer)} has ${keys.length} keys (${keys.join(', ')}) but must have exactly one, {group: [fallback groups]}; LiteLLM refuses to start`,
          });
          return;
        }
        const targets = mapping[keys[0]!];
        const targetsPointer = childPointer(itemPointer, keys[0]!);
        if (typeof targets === 'string') {
          context.report({
            pointer: targetsPointer,
            part: 'value',
            message: `the fallbacks of '${keys[0]}' must be a list; a single string is read letter by letter. Write [${targets}]`,
            suggestion: `[${targets}]`,
          });
        } else if (!Array.isArray(targets)) {
          context.report({ pointer: targetsPointer, part: 'value', message: `the fallbacks of '${keys[0]}' must be a list of model group names, got ${describeType(targets)}` });
        }
      });
    }
  },
};
