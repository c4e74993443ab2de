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
      const provider = typeof params.custom_llm_provider === 'string' ? params.custom_llm_provider : model?.split('/', 1)[0];
      if (provider !== 'azure' || model === undefined || model.includes('*')) continue;
      const paramsPointer = childPointer(deployment.pointer, 'litellm_params');
      const missing = [
        ['api_base', 'AZURE_API_BASE'],
        ['api_version', 'AZURE_API_VERSION'],
      ].filter(([key, variable]) => !isSet(params[key!]) && !(context.options.checkEnv && isSet(env[variable!])));
      if (missing.length > 0 && !isSet(params.litellm_credential_name)) {
        const names = missing.map(([key]) => key).join(' and ');
        const variables = missing.map(([, variable]) => variable).join('/');
        context.report({
          pointer: paramsPointer,
          part: 'key',
          message: `azure deployment '${model}' has no ${names}; it only works if ${variables} ${missing.length > 1 ? 'are' : 'is'} set in the environment`,
        });
      }
      const info = asRecord(deployment.entry.model_info) ?? {};
      const deploymentName = model.slice(model.indexOf('/') + 1);
      if (deploymentName !== '' && !isSet(info.base_model) && !isSet(params.base_model) && !modelLikeName.test(deploymentName)) {
        context.report({
          pointer: childPointer(paramsPointer, 'model'),
          part: 'value',
          severity: 'info',
          message: `azure deployment '${model}' has no model_info.base_model (e.g. azure/gpt-4o), and '${deploymentName}' is not a model name; LiteLLM cannot look up its prices or context window, so spend is recorded as 0`,
        });
      }
    }
  },
};
