/**
 * What each deployment sends where: a table of (litellm_params, env) → upstream URL and
 * auth headers, checked against providers.md "URL composition from litellm_params".
 * Runs the real path: lowerToPlan → resolveTargets → adapter.buildRequest.
 */
import { describe, expect, it } from 'vitest';
import { lowerToPlan } from '../../../../compiler/plan/lower.ts';
import type { Operation, RequestContext } from '../../../../runtime/providers/adapter.ts';
import { loadAdapter } from '../../../../runtime/providers/load-adapter.ts';
import { resolveTargets } from '../../../../runtime/secrets/resolve-targets.ts';

interface Row {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly operation?: Operation;
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Headers that must NOT be sent. */
  readonly absent?: readonly string[];
  readonly model?: string;
}

const context: RequestContext = { callId: 'c', requestedModel: 'm', created: 0, stream: false, includeUsage: false };

const rows: readonly Row[] = [
  { name: 'openai default base', params: { model: 'openai/gpt-4o', api_key: 'sk-a' }, url: 'https://api.openai.com/v1/chat/completions', headers: { authorization: 'Bearer sk-a' }, model: 'gpt-4o' },
  { name: 'openai key from OPENAI_API_KEY', params: { model: 'openai/gpt-4o' }, env: { OPENAI_API_KEY: 'sk-env' }, url: 'https://api.openai.com/v1/chat/completions', headers: { authorization: 'Bearer sk-env' } },
  { name: 'openai base from OPENAI_BASE_URL before OPENAI_API_BASE', params: { model: 'openai/gpt-4o' }, env: { OPENAI_BASE_URL: 'http://a/v1', OPENAI_API_BASE: 'http://b/v1' }, url: 'http://a/v1/chat/completions' },
  { name: 'openai organization header from env', params: { model: 'openai/gpt-4o', api_key: 'k' }, env: { OPENAI_ORGANIZATION: 'org-1' }, url: 'https://api.openai.com/v1/chat/completions', headers: { 'openai-organization': 'org-1' } },
  { name: 'openai/ with any api_base, one trailing slash ignored (family A)', params: { model: 'openai/llama3', api_base: 'http://vllm:8000/v1/' }, url: 'http://vllm:8000/v1/chat/completions' },
  { name: 'family A keeps a double trailing slash', params: { model: 'openai/x', api_base: 'http://h/v1//' }, url: 'http://h/v1//chat/completions' },
  { name: 'openai embeddings', params: { model: 'openai/text-embedding-3-small', api_key: 'k' }, operation: 'embedding', url: 'https://api.openai.com/v1/embeddings' },
  { name: 'openai completions', params: { model: 'openai/gpt-3.5-turbo-instruct', api_key: 'k' }, operation: 'completion', url: 'https://api.openai.com/v1/completions' },
  { name: 'groq default (family B)', params: { model: 'groq/llama-3.1-8b-instant' }, env: { GROQ_API_KEY: 'gk' }, url: 'https://api.groq.com/openai/v1/chat/completions', headers: { authorization: 'Bearer gk' } },
  { name: 'groq without a key sends no Authorization', params: { model: 'groq/llama' }, url: 'https://api.groq.com/openai/v1/chat/completions', absent: ['authorization'] },
  { name: 'family B strips every trailing slash', params: { model: 'xai/grok-2', api_base: 'https://x.example/v1///' }, url: 'https://x.example/v1/chat/completions' },
  { name: 'family B uses a base already containing chat/completions as is', params: { model: 'groq/llama', api_base: 'https://gw.example/chat/completions' }, url: 'https://gw.example/chat/completions' },
  { name: 'mistral default', params: { model: 'mistral/mistral-large-latest', api_key: 'k' }, url: 'https://api.mistral.ai/v1/chat/completions' },
  { name: 'mistral appends a missing /v1', params: { model: 'mistral/m', api_base: 'https://m.example' }, url: 'https://m.example/v1/chat/completions' },
  { name: 'mistral turns …/v1/ into …/v1//v1', params: { model: 'mistral/m', api_base: 'https://m.example/v1/' }, url: 'https://m.example/v1//v1/chat/completions' },
  { name: 'mistral key: MISTRAL_AZURE_API_KEY before MISTRAL_API_KEY', params: { model: 'mistral/m' }, env: { MISTRAL_API_KEY: 'b', MISTRAL_AZURE_API_KEY: 'a' }, url: 'https://api.mistral.ai/v1/chat/completions', headers: { authorization: 'Bearer a' } },
  { name: 'openrouter headers with defaults', params: { model: 'openrouter/openai/gpt-4o' }, env: { OPENROUTER_API_KEY: 'or' }, url: 'https://openrouter.ai/api/v1/chat/completions', headers: { authorization: 'Bearer or', 'http-referer': 'https://litellm.ai', 'x-title': 'liteLLM' }, model: 'openai/gpt-4o' },
  { name: 'openrouter headers from env', params: { model: 'openrouter/x' }, env: { OR_SITE_URL: 'https://me.example', OR_APP_NAME: 'mine', OR_API_KEY: 'k2' }, url: 'https://openrouter.ai/api/v1/chat/completions', headers: { 'http-referer': 'https://me.example', 'x-title': 'mine', authorization: 'Bearer k2' } },
  { name: 'together_ai (family A)', params: { model: 'together_ai/meta-llama/Llama-3-70b' }, env: { TOGETHERAI_API_KEY: 't' }, url: 'https://api.together.xyz/v1/chat/completions', headers: { authorization: 'Bearer t' }, model: 'meta-llama/Llama-3-70b' },
  { name: 'fireworks_ai model prefix', params: { model: 'fireworks_ai/llama-v3-70b-instruct', api_key: 'f' }, url: 'https://api.fireworks.ai/inference/v1/chat/completions', model: 'accounts/fireworks/models/llama-v3-70b-instruct' },
  { name: 'fireworks_ai keeps an accounts/ model', params: { model: 'fireworks_ai/accounts/me/models/x', api_key: 'f' }, url: 'https://api.fireworks.ai/inference/v1/chat/completions', model: 'accounts/me/models/x' },
  { name: 'perplexity has no /v1', params: { model: 'perplexity/sonar', api_key: 'p' }, url: 'https://api.perplexity.ai/chat/completions' },
  { name: 'deepinfra', params: { model: 'deepinfra/meta-llama/x', api_key: 'd' }, url: 'https://api.deepinfra.com/v1/openai/chat/completions' },
  { name: 'hosted_vllm base from env, placeholder key', params: { model: 'hosted_vllm/meta-llama/Llama-3.1-8B' }, env: { HOSTED_VLLM_API_BASE: 'http://vllm:8000/v1' }, url: 'http://vllm:8000/v1/chat/completions', headers: { authorization: 'Bearer fake-api-key' } },
  { name: 'hosted_vllm without a base falls through to OpenAI (as LiteLLM)', params: { model: 'hosted_vllm/x' }, url: 'https://api.openai.com/v1/chat/completions' },
  { name: 'hosted_vllm does not add /v1', params: { model: 'hosted_vllm/x', api_base: 'http://vllm:8000' }, url: 'http://vllm:8000/chat/completions' },
  { name: 'lm_studio', params: { model: 'lm_studio/qwen' }, env: { LM_STUDIO_API_BASE: 'http://localhost:1234/v1' }, url: 'http://localhost:1234/v1/chat/completions', headers: { authorization: 'Bearer fake-api-key' } },
  { name: 'xai default', params: { model: 'xai/grok-2' }, env: { XAI_API_KEY: 'x' }, url: 'https://api.x.ai/v1/chat/completions' },
  { name: 'nvidia_nim', params: { model: 'nvidia_nim/meta/llama3', api_key: 'n' }, url: 'https://integrate.api.nvidia.com/v1/chat/completions' },
  { name: 'cerebras', params: { model: 'cerebras/llama3.1-8b', api_key: 'c' }, url: 'https://api.cerebras.ai/v1/chat/completions' },
  { name: 'codestral', params: { model: 'codestral/codestral-latest', api_key: 'c' }, url: 'https://codestral.mistral.ai/v1/chat/completions' },
  { name: 'deepseek default base is /beta', params: { model: 'deepseek/deepseek-chat' }, env: { DEEPSEEK_API_KEY: 'ds' }, url: 'https://api.deepseek.com/beta/chat/completions', headers: { authorization: 'Bearer ds' } },
  { name: 'deepseek adds no /v1', params: { model: 'deepseek/deepseek-chat', api_base: 'https://api.deepseek.com', api_key: 'k' }, url: 'https://api.deepseek.com/chat/completions' },
  { name: 'deepseek keeps a trailing slash (double slash)', params: { model: 'deepseek/deepseek-chat', api_base: 'https://api.deepseek.com/', api_key: 'k' }, url: 'https://api.deepseek.com//chat/completions' },
  { name: 'deepseek base ending in /chat/completions is used as is', params: { model: 'deepseek/deepseek-chat', api_base: 'https://x.example/chat/completions', api_key: 'k' }, url: 'https://x.example/chat/completions' },
  { name: 'deepseek without a key sends no Authorization', params: { model: 'deepseek/deepseek-chat' }, url: 'https://api.deepseek.com/beta/chat/completions', absent: ['authorization'] },
  { name: 'azure dated version', params: { model: 'azure/my-gpt4o', api_base: 'https://res.openai.azure.com/', api_version: '2024-10-21', api_key: 'az' }, url: 'https://res.openai.azure.com/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21', headers: { 'api-key': 'az' }, absent: ['authorization'], model: 'my-gpt4o' },
  { name: 'azure base and version from env, default version otherwise', params: { model: 'azure/d' }, env: { AZURE_API_BASE: 'https://e.openai.azure.com', AZURE_API_KEY: 'k' }, url: 'https://e.openai.azure.com/openai/deployments/d/chat/completions?api-version=2025-02-01-preview', headers: { 'api-key': 'k' } },
  { name: 'azure AZURE_API_VERSION', params: { model: 'azure/d', api_base: 'https://e.openai.azure.com' }, env: { AZURE_API_VERSION: '2024-06-01', AZURE_OPENAI_API_KEY: 'k1', AZURE_API_KEY: 'k2' }, url: 'https://e.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01', headers: { 'api-key': 'k1' } },
  { name: 'azure embeddings', params: { model: 'azure/emb', api_base: 'https://e.openai.azure.com', api_version: '2024-10-21', api_key: 'k' }, operation: 'embedding', url: 'https://e.openai.azure.com/openai/deployments/emb/embeddings?api-version=2024-10-21' },
  { name: 'azure base already naming the deployment', params: { model: 'azure/d', api_base: 'https://e.openai.azure.com/openai/deployments/d', api_version: '2024-10-21', api_key: 'k' }, url: 'https://e.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21' },
  { name: 'azure v1 API', params: { model: 'azure/gpt-4o', api_base: 'https://e.openai.azure.com/', api_version: 'v1', api_key: 'k' }, url: 'https://e.openai.azure.com/openai/v1/chat/completions', headers: { authorization: 'Bearer k' } },
  { name: 'azure through a Cloudflare AI gateway', params: { model: 'azure/d', api_base: 'https://gateway.ai.cloudflare.com/v1/acct/gw/azure-openai/res', api_version: '2024-10-21', api_key: 'k' }, url: 'https://gateway.ai.cloudflare.com/v1/acct/gw/azure-openai/res/d/chat/completions?api-version=2024-10-21' },
  { name: 'extra_headers from litellm_params, secret resolved', params: { model: 'openai/gpt-4o', api_key: 'k', extra_headers: { 'X-Team': 'os.environ/TEAM' } }, env: { TEAM: 'blue' }, url: 'https://api.openai.com/v1/chat/completions', headers: { 'x-team': 'blue' } },
  { name: 'custom_llm_provider with a prefixed model', params: { model: 'openai/gpt-oss-20b', custom_llm_provider: 'hosted_vllm', api_base: 'http://v:8000/v1' }, url: 'http://v:8000/v1/chat/completions', model: 'openai/gpt-oss-20b' },
];

async function build(row: Row) {
  const plan = lowerToPlan({ model_list: [{ model_name: 'm', litellm_params: row.params }] }, '/config.yaml');
  expect(plan.unsupported).toEqual([]);
  const deployment = plan.deployments[0]!;
  const target = resolveTargets(plan, row.env ?? {}).byIndex[deployment.index]!;
  const adapter = await loadAdapter(deployment.adapter);
  const operation = row.operation ?? 'chat';
  const body = operation === 'chat' ? { model: 'm', messages: [{ role: 'user', content: 'hi' }] } : operation === 'embedding' ? { model: 'm', input: 'hi' } : { model: 'm', prompt: 'hi' };
  return adapter.buildRequest(operation, body, target, context);
}

describe('upstream URL and auth per provider', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const request = await build(row);
      expect(request.url).toBe(row.url);
      expect(request.method).toBe('POST');
      for (const [name, value] of Object.entries(row.headers ?? {})) expect(request.headers[name]).toBe(value);
      for (const name of row.absent ?? []) expect(request.headers[name]).toBeUndefined();
      if (row.model) expect(JSON.parse(request.body!).model).toBe(row.model);
    });
  }

  it('rejects embeddings for a provider LiteLLM has no embeddings route for', async () => {
    await expect(build({ name: 'groq embeddings', params: { model: 'groq/x', api_key: 'k' }, operation: 'embedding', url: '' })).rejects.toMatchObject({ name: 'UpstreamFailure', error: { status: 400 } });
  });
});
