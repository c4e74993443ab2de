/**
 * End to end: the real proxy (`startProxy`, as `serve --simulate` runs it) against the
 * real provider simulator, driven by the official `openai` npm client. Every provider
 * family answers chat, streaming (with include_usage) and, where LiteLLM has a route,
 * embeddings; responses and chunks validate against the OpenAI spec. Adding a family is
 * one row in `families` (and its deployment in the config).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../compiler/plan/lower.ts';
import { validateOpenAI } from '../../fixtures/openapi/openai-spec.ts';
import { startSimulator, type Simulator } from '../../fixtures/simulator/start-simulator.ts';
import { startProxy, type RunningProxy } from '../../runtime/server/start-proxy.ts';

const masterKey = 'sk-e2e-master';

interface Family {
  readonly name: string;
  /** Chat group in the config below. */
  readonly group: string;
  /** Embeddings group, when the family has an embeddings route. */
  readonly embeddingGroup?: string;
  /** Path the simulator must have been called on (query stripped), for the chat call. */
  readonly path: RegExp;
  /** Original origin the proxy names in x-litegate-simulated-origin. */
  readonly origin: string;
}

const families: readonly Family[] = [
  { name: 'openai', group: 'oa', embeddingGroup: 'oa-emb', path: /^\/v1\/chat\/completions$/, origin: 'https://api.openai.com' },
  { name: 'groq (OpenAI-compatible, family B)', group: 'groq', path: /^\/openai\/v1\/chat\/completions$/, origin: 'https://api.groq.com' },
  { name: 'mistral', group: 'mistral', path: /^\/v1\/chat\/completions$/, origin: 'https://api.mistral.ai' },
  { name: 'openrouter', group: 'openrouter', path: /^\/api\/v1\/chat\/completions$/, origin: 'https://openrouter.ai' },
  { name: 'together_ai', group: 'together', embeddingGroup: 'together-emb', path: /^\/v1\/chat\/completions$/, origin: 'https://api.together.xyz' },
  { name: 'hosted_vllm with api_base', group: 'vllm', path: /^\/v1\/chat\/completions$/, origin: 'http://vllm.internal:8000' },
  // AZURE_API_BASE is unset: --simulate gives the deployment a placeholder Azure origin.
  { name: 'azure', group: 'az', embeddingGroup: 'az-emb', path: /^\/openai\/deployments\/my-gpt4o\/chat\/completions$/, origin: 'https://litegate-simulated.openai.azure.com' },
  { name: 'deepseek', group: 'ds', path: /^\/chat\/completions$/, origin: 'https://api.deepseek.com' },
  { name: 'anthropic', group: 'claude', path: /^\/v1\/messages$/, origin: 'https://api.anthropic.com' },
  { name: 'gemini', group: 'gem', embeddingGroup: 'gem-emb', path: /^\/v1beta\/models\/gemini-2\.0-flash:(generateContent|streamGenerateContent)$/, origin: 'https://generativelanguage.googleapis.com' },
  { name: 'ollama', group: 'oll', embeddingGroup: 'oll-emb', path: /^\/api\/generate$/, origin: 'http://localhost:11434' },
  { name: 'ollama_chat', group: 'ollc', path: /^\/api\/chat$/, origin: 'http://localhost:11434' },
];

const config = `
model_list:
  - {model_name: oa, litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}}
  - {model_name: oa-emb, litellm_params: {model: openai/text-embedding-3-small}, model_info: {mode: embedding}}
  - {model_name: groq, litellm_params: {model: groq/llama-3.1-8b-instant}}
  - {model_name: mistral, litellm_params: {model: mistral/mistral-small-latest}}
  - {model_name: openrouter, litellm_params: {model: openrouter/openai/gpt-4o}}
  - {model_name: together, litellm_params: {model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo}}
  - {model_name: together-emb, litellm_params: {model: together_ai/BAAI/bge-base-en-v1.5}, model_info: {mode: embedding}}
  - {model_name: vllm, litellm_params: {model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct, api_base: "http://vllm.internal:8000/v1"}}
  - {model_name: az, litellm_params: {model: azure/my-gpt4o, api_base: os.environ/AZURE_API_BASE, api_version: "2024-10-21", api_key: os.environ/AZURE_API_KEY}}
  - {model_name: az-emb, litellm_params: {model: azure/my-embedding, api_base: "https://myres.openai.azure.com", api_version: "2024-10-21"}, model_info: {mode: embedding}}
  - {model_name: ds, litellm_params: {model: deepseek/deepseek-chat, api_base: "https://api.deepseek.com"}}
  - {model_name: claude, litellm_params: {model: anthropic/claude-3-haiku-20240307, api_key: os.environ/ANTHROPIC_API_KEY}}
  - {model_name: gem, litellm_params: {model: gemini/gemini-2.0-flash}}
  - {model_name: gem-emb, litellm_params: {model: gemini/text-embedding-004}, model_info: {mode: embedding}}
  - {model_name: oll, litellm_params: {model: ollama/llama3}}
  - {model_name: oll-emb, litellm_params: {model: ollama/nomic-embed-text}, model_info: {mode: embedding}}
  - {model_name: ollc, litellm_params: {model: ollama_chat/llama3}}
  - {model_name: flaky, litellm_params: {model: openai/flaky-model, timeout: 0.5, stream_timeout: 0.5}}
router_settings:
  num_retries: 0
  disable_cooldowns: true
general_settings:
  master_key: ${masterKey}
`;

let simulator: Simulator;
let proxy: RunningProxy;
let client: OpenAI;

function expectValid(schema: string, value: unknown): void {
  expect(validateOpenAI(schema, value), `${schema}: ${JSON.stringify(value).slice(0, 400)}`).toEqual([]);
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  const plan = lowerToPlan(parse(config) as Record<string, unknown>, '/e2e/config.yaml');
  expect(plan.unsupported).toEqual([]);
  // No API keys at all: simulate mode puts placeholders in, as `serve --simulate` does.
  proxy = await startProxy({ plan, port: 0, env: {}, simulatorOrigin: simulator.url });
  client = new OpenAI({ apiKey: masterKey, baseURL: `${proxy.url}/v1`, maxRetries: 0, timeout: 10_000 });
});

afterAll(async () => {
  await proxy?.close();
  await simulator?.close();
});

beforeEach(() => {
  simulator.setScenario({});
  simulator.resetCalls();
});

describe.each(families)('$name', (family) => {
  it('chat completion', async () => {
    const response = await client.chat.completions.create({ model: family.group, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }], max_tokens: 50 });
    expectValid('CreateChatCompletionResponse', response);
    expect(response.choices[0]!.message.content).toEqual(expect.any(String));
    expect(response.choices[0]!.message.content!.length).toBeGreaterThan(0);
    expect(response.usage!.total_tokens).toBeGreaterThan(0);
    // Every family names the requested group, as LiteLLM restamps it (§7.11).
    expect(response.model).toBe(family.group);
    const call = simulator.calls.at(-1)!;
    expect(call.path.split('?')[0]).toMatch(family.path);
    expect(call.origin).toBe(family.origin);
  });

  it('streaming chat with include_usage', async () => {
    const stream = await client.chat.completions.create({ model: family.group, messages: [{ role: 'user', content: 'Count to three' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let usage: unknown;
    let count = 0;
    const models = new Set<string>();
    for await (const chunk of stream) {
      count += 1;
      models.add(chunk.model);
      expectValid('CreateChatCompletionStreamResponse', chunk);
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(count).toBeGreaterThan(1);
    expect([...models]).toEqual([family.group]);
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(simulator.calls.at(-1)!.stream).toBe(true);
  });

});

// Only families LiteLLM has an embeddings route for.
describe.each(families.filter((family) => family.embeddingGroup !== undefined))('$name embeddings', (family) => {
  it('embeddings (the SDK asks for base64 by default)', async () => {
    const response = await client.embeddings.create({ model: family.embeddingGroup!, input: ['hello', 'world'] });
    expect(response.data).toHaveLength(2);
    for (const item of response.data) {
      expect(item.embedding.length).toBeGreaterThan(0);
      expect(item.embedding.every((value) => Number.isFinite(value) && Math.abs(value) <= 1.5)).toBe(true);
    }
    const floats = await client.embeddings.create({ model: family.embeddingGroup!, input: 'hello', encoding_format: 'float' });
    expectValid('CreateEmbeddingResponse', floats);
    expect([response.model, floats.model]).toEqual([family.embeddingGroup, family.embeddingGroup]);
    expect(floats.data[0]!.embedding.length).toBe(response.data[0]!.embedding.length);
  });
});

describe('legacy completions (OpenAI-compatible family)', () => {
  it('answers completions.create, plain and streamed', async () => {
    const response = await client.completions.create({ model: 'oa', prompt: 'Say this is a test', max_tokens: 16 });
    expectValid('CreateCompletionResponse', response);
    expect(simulator.calls.at(-1)!.path).toBe('/v1/completions');
    const stream = await client.completions.create({ model: 'vllm', prompt: 'Count', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(0);
  });
});

describe('errors through the SDK', () => {
  it('upstream 401, 429 and 500 surface with their status and an OpenAI-style body', async () => {
    for (const [status, errorClass] of [
      [401, 'AuthenticationError'],
      [429, 'RateLimitError'],
      [500, 'InternalServerError'],
    ] as const) {
      simulator.setScenario({ rules: [{ match: { provider: 'openai' }, fault: { fault: 'error', status, message: `simulated ${status}` } }] });
      const error = await client.chat.completions.create({ model: 'oa', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      const apiError = error as InstanceType<typeof OpenAI.APIError>;
      expect(apiError.status).toBe(status);
      expect(apiError.message).toContain(`litellm.${errorClass}`);
      expect((apiError.error as { code: string }).code).toBe(String(status));
    }
  });

  it('an upstream that hangs gives 408 after the deployment timeout', async () => {
    simulator.setScenario({ rules: [{ match: { model: 'flaky-model' }, fault: { fault: 'hang' } }] });
    const error = await client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(408);
  });

  it('a dropped stream throws in the SDK, and the proxy keeps serving', async () => {
    simulator.setScenario({ rules: [{ match: { model: 'flaky-model' }, fault: { fault: 'truncate', afterChunks: 2, abort: true } }] });
    // The two events sent before the socket died are relayed, then the proxy ends the stream
    // with an error event (never a retry after the first byte); the SDK throws APIError.
    let chunks = 0;
    const failure = await (async () => {
      const stream = await client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'x' }], stream: true });
      for await (const _chunk of stream) chunks += 1;
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(chunks).toBe(2);
    simulator.setScenario({});
    expectValid('CreateChatCompletionResponse', await client.chat.completions.create({ model: 'oa', messages: [{ role: 'user', content: 'still up?' }] }));
  });

  it('a truncated stream (body ends early, no [DONE]) also throws instead of ending quietly', async () => {
    simulator.setScenario({ rules: [{ match: { model: 'flaky-model' }, fault: { fault: 'truncate', afterChunks: 2 } }] });
    const stream = await client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'x' }], stream: true });
    const failure = await (async () => {
      for await (const _chunk of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
  });

  it('unknown model and wrong key', async () => {
    const unknown = await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unknown as Error).message).toContain('Invalid model name passed in model=no-such-model');
    const stranger = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('models.list returns every group, and models.retrieve one of them (404 for others)', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expectValid('Model', model);
      ids.push(model.id);
    }
    expect(ids).toEqual(expect.arrayContaining(families.map((f) => f.group)));
    expect((await client.models.retrieve('claude')).id).toBe('claude');
    await expect(client.models.retrieve('nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('a catch-all deployment (model_name "*", model "*")', () => {
  it('takes the provider from each requested model, as LiteLLM does', async () => {
    const plan = lowerToPlan(parse('model_list: [{model_name: "*", litellm_params: {model: "*"}}]') as Record<string, unknown>, '/e2e/catch-all.yaml');
    expect(plan.deployments[0]).toMatchObject({ provider: '*', dynamicProvider: true });
    const catchAll = await startProxy({ plan, port: 0, env: {}, simulatorOrigin: simulator.url });
    try {
      const open = new OpenAI({ apiKey: 'none', baseURL: `${catchAll.url}/v1`, maxRetries: 0 });
      for (const [model, path, upstreamModel] of [
        ['gpt-4o-mini', /^\/v1\/chat\/completions$/, 'gpt-4o-mini'],
        ['anthropic/claude-3-haiku-20240307', /^\/v1\/messages$/, 'claude-3-haiku-20240307'],
        ['groq/llama-3.1-8b-instant', /^\/openai\/v1\/chat\/completions$/, 'llama-3.1-8b-instant'],
        ['gemini/gemini-2.0-flash', /^\/v1beta\/models\/gemini-2\.0-flash:generateContent$/, 'gemini-2.0-flash'],
      ] as const) {
        const response = await open.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
        expectValid('CreateChatCompletionResponse', response);
        const call = simulator.calls.at(-1)!;
        expect(call.path.split('?')[0]).toMatch(path);
        expect(call.model).toBe(upstreamModel);
      }
      const unknown = await open.chat.completions.create({ model: 'my-private-model', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect((unknown as { status?: number }).status).toBe(400);
      expect((unknown as Error).message).toContain('LLM Provider NOT provided');
    } finally {
      await catchAll.close();
    }
  });
});
