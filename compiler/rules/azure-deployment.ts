/**
 * Azure OpenAI deployments need an endpoint and an API version (`api_base`, `api_version`,
 * or AZURE_API_BASE / AZURE_API_VERSION in the environment), and their deployment names are
 * arbitrary, so LiteLLM needs `model_info.base_model` to find prices and context windows —
 * without it cost is recorded as 0 and context-window checks are skipped (reference §2.4,
 * §12 #22, Appendix A).
 */
import { childPointer } from '../source/json-pointer.ts';
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';

/**
 * Deployment names that are themselves OpenAI model names (`azure/gpt-4o`) are found in
 * LiteLLM's cost map without base_model; invented names (`azure/chatgpt-v-2`) are not.
 */
const modelLikeName = /^(gpt-|o[1-9]|text-embedding-|dall-e|whisper|tts-|davinci|babbage|computer-use)/i;

/** Settings an azure/ deployment needs, and the variable LiteLLM falls back to for each. */
const requiredSettings: readonly (readonly [string, string])[] = [
  ['api_base', 'AZURE_API_BASE'],
  ['api_version', 'AZURE_API_VERSION'],
];

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export const azureDeployment: Rule = {
  id: 'azure-deployment',
  description: 'azure/ deployments have api_base and api_version, and model_info.base_model',
  check(context) {
    const env = context.options.env;
    for (const deployment of context.index.deployments) {
      const model = deployment.model;
      const params = deployment.litellmParams;
      // The provider is custom_llm_provider, else the model's prefix (`azure/…`); tested
      // without splitting, since every deployment of a large config passes through here.
      const custom = params.custom_llm_provider;
      const azure = typeof custom === 'string' ? custom === 'azure' : model !== undefined && (model === 'azure' || model.startsWith('azure/'));
      if (!azure || model === undefined || model.includes('*')) continue;
      const missing: (readonly [string, string])[] = [];
      for (const setting of requiredSettings) {
        if (!isSet(params[setting[0]]) && !(context.options.checkEnv && isSet(env[setting[1]]))) missing.push(setting);
      }
      if (missing.length > 0 && !isSet(params.litellm_credential_name)) {
        const names = missing.map(([key]) => key).join(' and ');
        const variables = missing.map(([, variable]) => variable).join('/');
        context.report({
          pointer: childPointer(deployment.pointer, 'litellm_params'),
          part: 'key',
          message: `azure deployment '${model}' has no ${names}; it only works if ${variables} ${missing.length > 1 ? 'are' : 'is'} set in the environment`,
        });
      }
      const info = asRecord(deployment.entry.model_info) ?? {};
      const deploymentName = model.slice(model.indexOf('/') + 1);
      if (deploymentName !== '' && !isSet(info.base_model) && !isSet(params.base_model) && !modelLikeName.test(deploymentName)) {
        context.report({
          pointer: childPointer(childPointer(deployment.pointer, 'litellm_params'), 'model'),
          part: 'value',
          severity: 'info',
          message: `azure deployment '${model}' has no model_info.base_model (e.g. azure/gpt-4o), and '${deploymentName}' is not a model name; LiteLLM cannot look up its prices or context window, so spend is recorded as 0`,
        });
      }
    }
  },
};
