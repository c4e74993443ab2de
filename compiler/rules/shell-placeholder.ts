/**
 * `${VAR}` / `${VAR:-default}` is shell or docker-compose syntax; LiteLLM reads the YAML
 * as is and sends the placeholder text upstream (a model named "${VLLM_MODEL}"). It only
 * works if something (envsubst, a templating step) rewrites the file before LiteLLM reads
 * it, hence a warning, with the LiteLLM-native form suggested when the whole value is one
 * variable.
 */
import type { Rule } from './rule.ts';
import { stringValues } from './string-values.ts';

const placeholder = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/;

export const shellPlaceholder: Rule = {
  id: 'shell-placeholder',
  description: 'no ${VAR} placeholders, which LiteLLM does not expand',
  check(context) {
    for (const item of stringValues(context.config)) {
      // Most strings have no `${`; the test is far cheaper than the pattern.
      if (!item.value.includes('${')) continue;
      const match = placeholder.exec(item.value);
      if (!match) continue;
      const whole = match[0] === item.value.trim() && !match[0].includes(':-') && !match[0].includes('-') ;
      const suggestion = whole ? `os.environ/${match[1]}` : undefined;
      context.report({
        pointer: item.pointer,
        part: 'value',
        message: `'${match[0]}' is not expanded by LiteLLM; the text is used literally unless the file is templated before LiteLLM reads it${suggestion ? `. Use '${suggestion}'` : ''}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  },
};
