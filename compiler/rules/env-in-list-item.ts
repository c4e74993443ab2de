/**
 * LiteLLM resolves `os.environ/NAME` in mapping values, including mappings inside lists,
 * but never a string that is itself a list item (reference §3): `success_callback:
 * ["os.environ/X"]` passes the literal text on. The value the user meant is silently lost.
 */
import type { Rule } from './rule.ts';
import { stringValues } from './string-values.ts';

export const envInListItem: Rule = {
  id: 'env-in-list-item',
  description: 'os.environ/ references are not used as list items, where LiteLLM never resolves them',
  check(context) {
    for (const item of stringValues(context.config)) {
      if (!item.listItem || !item.value.startsWith('os.environ/')) continue;
      context.report({
        pointer: item.pointer,
        part: 'value',
        message: `LiteLLM does not resolve os.environ/ references that are list items; '${item.value}' is used as literal text`,
      });
    }
  },
};
