/**
 * Virtual keys, stored models, budgets for users and teams all live in PostgreSQL.
 * Without `general_settings.database_url` (or DATABASE_URL in the environment) every such
 * feature fails at request time with "No connected db" (reference §10, §12 #21). Without
 * `--check-env` the environment is unknown, so this is a warning that names the variable.
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Rule } from './rule.ts';

const generalFeatures = ['store_model_in_db', 'allow_requests_on_db_unavailable', 'disable_master_key_return'] as const;
const litellmFeatures = ['default_key_generate_params', 'upperbound_key_generate_params', 'key_generation_settings', 'max_internal_user_budget', 'default_internal_user_params', 'default_team_params'] as const;

export const virtualKeysWithoutDb: Rule = {
  id: 'virtual-keys-without-db',
  description: 'features that need the database come with general_settings.database_url',
  check(context) {
    const { generalSettings, litellmSettings } = context.index;
    const url = generalSettings.database_url;
    if (typeof url === 'string' && url.trim() !== '') return;
    const envUrl = context.options.env.DATABASE_URL;
    if (context.options.checkEnv && envUrl !== undefined && envUrl !== '') return;
    const generalKey = generalFeatures.find((key) => generalSettings[key] !== undefined && generalSettings[key] !== null && generalSettings[key] !== false);
    const litellmKey = litellmFeatures.find((key) => litellmSettings[key] !== undefined && litellmSettings[key] !== null);
    const feature = generalKey ? { section: 'general_settings', key: generalKey } : litellmKey ? { section: 'litellm_settings', key: litellmKey } : undefined;
    if (!feature) return;
    const unset = context.options.checkEnv ? 'and DATABASE_URL is not set' : 'so it only works if DATABASE_URL is set in the environment';
    context.report({
      pointer: childPointer(childPointer('', feature.section), feature.key),
      part: 'key',
      message: `${feature.section}.${feature.key} needs the database, but general_settings has no database_url ${unset}; requests then fail with "No connected db"`,
    });
  },
};
