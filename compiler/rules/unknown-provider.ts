/**
 * The text before the first `/` of `litellm_params.model` selects the provider. An unknown
 * prefix (`nvidia/` for `nvidia_nim/`, `mistralai/` for `mistral/`) makes LiteLLM fall back
 * to guessing from the bare name; when that fails the proxy skips the deployment ("LLM
 * Provider NOT provided", reference §2.4). A warning, since an `api_base` of a known
 * provider or a newer LiteLLM can still resolve it. Providers registered through
 * litellm_settings.custom_provider_map, and `custom_llm_provider`, are respected.
 */
import { nearestName } from '../diagnostics/suggest.ts';
import { childPointer } from '../source/json-pointer.ts';
import { asRecord } from './config-index.ts';
import { litellmProviders } from './litellm-providers.ts';
import type { Rule } from './rule.ts';

/** Common near misses whose intended provider is not a near spelling. */
const aliases: Readonly<Record<string, string>> = {
  nvidia: 'nvidia_nim',
  mistralai: 'mistral',
  google: 'gemini',
  vertex: 'vertex_ai',
  together: 'together_ai',
  togetherai: 'together_ai',
  fireworks: 'fireworks_ai',
  aws: 'bedrock',
  hf: 'huggingface',
  azureopenai: 'azure',
  claude: 'anthropic',
};

export const unknownProvider: Rule = {
  id: 'unknown-provider',
  description: 'litellm_params.model starts with a provider prefix LiteLLM knows',
  check(context) {
    const custom = new Set<string>();
    const map = context.index.litellmSettings.custom_provider_map;
    if (Array.isArray(map)) for (const entry of map) if (typeof asRecord(entry)?.provider === 'string') custom.add(asRecord(entry)!.provider as string);
    for (const deployment of context.index.deployments) {
      const model = deployment.model;
      if (model === undefined || !model.includes('/') || model.includes('*') || model.startsWith('os.environ/')) continue;
      if (typeof deployment.litellmParams.custom_llm_provider === 'string') continue;
      const prefix = model.slice(0, model.indexOf('/'));
      if (litellmProviders.has(prefix) || custom.has(prefix)) continue;
      const suggestion = aliases[prefix.toLowerCase()] ?? nearestName(prefix, litellmProviders);
      context.report({
        pointer: childPointer(childPointer(deployment.pointer, 'litellm_params'), 'model'),
        part: 'value',
        message: `'${prefix}' is not a LiteLLM provider prefix${suggestion ? `; did you mean '${suggestion}/'?` : '.'} Unless LiteLLM can infer the provider otherwise, the proxy skips this deployment ("LLM Provider NOT provided")`,
        ...(suggestion ? { suggestion: `${suggestion}/${model.slice(prefix.length + 1)}` } : {}),
      });
    }
  },
};
