/**
 * Which provider a deployment's `litellm_params.model` names, and the model id sent
 * upstream, following LiteLLM's `get_llm_provider` (reference litellm-config.md §2.4,
 * providers.md "How LiteLLM resolves provider, model and base").
 */
import { providerByHost, providerTable, unsupportedProviders } from './provider-table.ts';

/** Outcome of provider resolution. `supported` is false for LiteLLM providers the runtime does not serve. */
export type ProviderResolution =
  | { readonly ok: true; readonly provider: string; readonly upstreamModel: string; readonly supported: boolean }
  | { readonly ok: false; readonly reason: string };

// Bare model names LiteLLM finds in its model list (cost map), by family.
const bareModelRules: readonly (readonly [RegExp, string])[] = [
  [/^(gpt-|chatgpt-|o1($|-)|o3($|-)|o4-|text-embedding-|ft:gpt-|davinci|babbage)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^deepseek-(chat|reasoner|coder)$/, 'deepseek'],
];

function hostOf(apiBase: string | undefined): string | undefined {
  if (!apiBase) return undefined;
  try {
    return new URL(apiBase).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the provider. `apiBase` is the literal api_base (undefined when it is unset or
 * an `os.environ/` reference, which cannot be inspected at compile time).
 */
export function resolveProvider(model: string, customProvider: string | undefined, apiBase: string | undefined): ProviderResolution {
  const slash = model.indexOf('/');
  const head = slash === -1 ? undefined : model.slice(0, slash);
  if (customProvider) {
    // An explicit provider wins; a leading "<provider>/" equal to it is stripped.
    const upstreamModel = head === customProvider ? model.slice(slash + 1) : model;
    return known(customProvider, upstreamModel);
  }
  if (head !== undefined && (head in providerTable || unsupportedProviders.has(head))) {
    return known(head, model.slice(slash + 1));
  }
  const host = hostOf(apiBase);
  const byHost = host === undefined ? undefined : providerByHost[host];
  if (byHost) return known(byHost, model);
  for (const [pattern, provider] of bareModelRules) {
    if (pattern.test(model)) return known(provider, model);
  }
  return {
    ok: false,
    reason: `LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed model=${model}`,
  };
}

function known(provider: string, upstreamModel: string): ProviderResolution {
  return { ok: true, provider, upstreamModel, supported: provider in providerTable };
}
