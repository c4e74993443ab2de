/**
 * A key such as `fallbacks=[{"gpt-4": ["claude"]}]` comes from docs written as Python
 * keyword arguments. In YAML it is one odd key that LiteLLM silently ignores (reference
 * §1.4, §12 #10). Every mapping key in the config is checked.
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Rule } from './rule.ts';

function shorten(key: string): string {
  return key.length > 40 ? `${key.slice(0, 37)}...` : key;
}

/** True when some mapping key below `root` has `=` after its first character. */
function hasKeyWithEquals(root: object): boolean {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in node) {
      if (key.indexOf('=') > 0) return true;
      const value: unknown = (node as Record<string, unknown>)[key];
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

export const keyContainsEquals: Rule = {
  id: 'key-contains-equals',
  description: 'no mapping key contains `=` (write `key: value`, not `key=value`)',
  check(context) {
    // Almost no config has such a key: look for one without building any pointer first.
    if (!hasKeyWithEquals(context.config)) return;
    // Iterative walk; pointers are built for containers only, and for a key when it is
    // reported. Aliases may share subtrees, which the loader already bounded.
    const stack: [object, string][] = [[context.config, '']];
    while (stack.length > 0) {
      const [node, pointer] = stack.pop()!;
      if (Array.isArray(node)) {
        for (let index = 0; index < node.length; index += 1) {
          const item: unknown = node[index];
          if (item !== null && typeof item === 'object') stack.push([item, childPointer(pointer, index)]);
        }
        continue;
      }
      for (const key in node) {
        const value: unknown = (node as Record<string, unknown>)[key];
        const equals = key.indexOf('=');
        if (equals > 0) {
          const name = key.slice(0, equals).trim();
          context.report({
            pointer: childPointer(pointer, key),
            part: 'key',
            message: `key '${shorten(key)}' contains '='; YAML reads it as one key, which LiteLLM ignores. Write '${name}: <value>'`,
            suggestion: name,
          });
        }
        if (value !== null && typeof value === 'object') stack.push([value, childPointer(pointer, key)]);
      }
    }
  },
};
