/**
 * With `--check-env`: no master key at all, neither `general_settings.master_key` nor
 * LITELLM_MASTER_KEY in the environment (nor in `environment_variables`). LiteLLM then runs
 * the proxy without authentication — anyone who reaches it spends the provider keys — and
 * builds since PR #42019 refuse to start instead (reference §3, §5, §12 #3). Without
 * `--check-env` the linter cannot know the deployment's environment, so it says nothing.
 * A master key written in the wrong section is `misplaced-setting`'s finding; one taken from
 * an unset variable is `env-unset`'s.
 */
import { childPointer } from '../source/json-pointer.ts';
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export const masterKeyUnset: Rule = {
  id: 'master-key-unset',
  description: 'with --check-env, the proxy has a master key (else it runs without authentication)',
  check(context) {
    if (!context.options.checkEnv) return;
    if (isSet(context.index.generalSettings.master_key)) return;
    if (isSet(context.options.env.LITELLM_MASTER_KEY)) return;
    if (isSet(asRecord(context.config.environment_variables)?.LITELLM_MASTER_KEY)) return;
    // At the general_settings key, else at the first section (where a reader starts).
    const first = Object.hasOwn(context.config, 'general_settings') ? 'general_settings' : Object.keys(context.config)[0];
    context.report({
      pointer: first === undefined ? '' : childPointer('', first),
      part: 'key',
      message:
        'no master key: general_settings.master_key is not set and LITELLM_MASTER_KEY is not set here, so LiteLLM runs the proxy without authentication (recent builds refuse to start). Add master_key: os.environ/LITELLM_MASTER_KEY under general_settings and set the variable',
    });
  },
};
