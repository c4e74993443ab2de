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

/**
 * A cheap pre-test for `lookalike`: a match starts with `o`/`O` after optional whitespace,
 * so a string starting with any other printable ASCII character cannot match.
 */
function mayBeReference(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 0x6f || first === 0x4f || first <= 0x20 || first >= 0x7f;
}

function suggestionFor(value: string): string | undefined {
  const name = /([A-Za-z_][A-Za-z0-9_]*)\W*$/.exec(value.replace(/^\s*os\.(environ|getenv)/i, ''))?.[1];
  return name ? `os.environ/${name}` : undefined;
}

export const envReferenceSyntax: Rule = {
  id: 'env-reference-syntax',
  description: 'environment references are written exactly os.environ/NAME',
  check(context) {
    for (const item of stringValues(context.config)) {
      if (!mayBeReference(item.value) || !lookalike.test(item.value) || exact.test(item.value)) continue;
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
