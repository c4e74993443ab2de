/**
 * With `--check-env`, every `os.environ/NAME` reference is compared with the environment
 * the linter runs in. LiteLLM turns an unset variable into null without a word: the
 * provider's default api_base is used, auth fails at request time, or an unset master key
 * leaves the proxy open (reference §3). Only names are reported, never values.
 */
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';
import { stringValues } from './string-values.ts';

const reference = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;

export const envUnset: Rule = {
  id: 'env-unset',
  description: 'with --check-env, os.environ/ references name variables that are set',
  check(context) {
    if (!context.options.checkEnv) return;
    // environment_variables are exported before anything else is read, so they count as set.
    const defined = new Set(Object.keys(asRecord(context.config.environment_variables) ?? {}));
    for (const item of stringValues(context.config)) {
      if (item.listItem) continue;
      const match = reference.exec(item.value);
      if (!match) continue;
      const name = match[1]!;
      if (defined.has(name)) continue;
      const value = context.options.env[name];
      if (value !== undefined && value !== '') continue;
      context.report({
        pointer: item.pointer,
        part: 'value',
        message: `environment variable ${name} is ${value === '' ? 'empty' : 'not set'}; LiteLLM would use null for ${item.key ?? 'this value'}${item.pointer === '/general_settings/master_key' ? ', and the proxy would run without authentication' : ''}`,
      });
    }
  },
};
