/**
 * Only the exact form `os.environ/NAME` is an environment reference. Near misses
 * (`os.environ.NAME`, `os.environ["NAME"]`, `os.environ/ NAME`, `OS.ENVIRON/NAME`,
 * `os.environ/NAME:-default`) are passed on as literal text, so the secret or URL the user
 * meant is never read.
 */
import type { Rule } from './rule.ts';
import { stringValues } from './string-values.ts';

const exact = /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/;
const lookalike = /^\s*os\.environ\b|^\s*os\.getenv\(/i;

function suggestionFor(value: string): string | undefined {
  const name = /([A-Za-z_][A-Za-z0-9_]*)\W*$/.exec(value.replace(/^\s*os\.(environ|getenv)/i, ''))?.[1];
  return name ? `os.environ/${name}` : undefined;
}

export const envReferenceSyntax: Rule = {
  id: 'env-reference-syntax',
  description: 'environment references are written exactly os.environ/NAME',
  check(context) {
    for (const item of stringValues(context.config)) {
      if (!lookalike.test(item.value) || exact.test(item.value)) continue;
      const suggestion = suggestionFor(item.value);
      context.report({
        pointer: item.pointer,
        part: 'value',
        message: `'${item.value}' is not an environment reference; LiteLLM only resolves the exact form os.environ/NAME and uses this text as is${suggestion ? `. Did you mean '${suggestion}'?` : ''}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  },
};
