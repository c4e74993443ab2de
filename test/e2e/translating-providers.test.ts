/**
 * End to end for the translating provider families — anthropic, gemini, ollama
 * (/api/generate) and ollama_chat (/api/chat): the real proxy in front of the provider
 * simulator, driven with the official `openai` client. Replies, stream chunks and
 * embeddings are checked against OpenAI's own OpenAPI schemas; upstream errors,
 * including ones that arrive in the middle of a stream, must reach the client in
 * OpenAI's shape with the status LiteLLM gives them.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../compiler/plan/lower.ts';
import { validateOpenAI } from '../../fixtures/openapi/openai-spec.ts';
import { startSimulator, type Simulator } from '../../fixtures/simulator/start-simulator.ts';
import type { Scenario } from '../../fixtures/simulator/scenario.ts';
import { startProxy, type RunningProxy } from '../../runtime/server/start-proxy.ts';

const masterKey = 'sk-e2e-master';

const CONFIG = `
model_list:
  - model_name: claude
    litellm_params: {model: anthropic/claude-sonnet-4-20250514, api_key: os.environ/E2E_ANTHROPIC_KEY}
  - model_name: claude-broken
    litellm_params: {model: anthropic/claude-broken-1, api_key: os.environ/E2E_ANTHROPIC_KEY}
  - model_name: gemini
    litellm_params: {model: gemini/gemini-2.5-flash, api_key: os.environ/E2E_GEMINI_KEY}
  - model_name: gemini-broken
    litellm_params: {model: gemini/gemini-broken-1, api_key: os.environ/E2E_GEMINI_KEY}
  - model_name: gemini-custom-base
    litellm_params: {model: gemini/gemini-2.5-pro, api_key: os.environ/E2E_GEMINI_KEY, api_base: "https://gemini-gateway.internal/v1beta/models/gemini-2.5-pro"}
  - model_name: gemini-embed
    litellm_params: {model: gemini/text-embedding-004, api_key: os.environ/E2E_GEMINI_KEY}
    model_info: {mode: embedding}
  - model_name: llama
    litellm_params: {model: ollama/llama3}
  - model_name: llama-broken
    litellm_params: {model: ollama/llama-broken}
  - model_name: llama-chat
    litellm_params: {model: ollama_chat/llama3.1}
  - model_name: llama-chat-broken
    litellm_params: {model: ollama_chat/llama-chat-broken}
  - model_name: nomic
    litellm_params: {model: ollama/nomic-embed-text}
    model_info: {mode: embedding}
router_settings:
  num_retries: 0
  disable_cooldowns: true
general_settings:
  master_key: ${masterKey}
`;

/** One family under test: its healthy group and the group the scenario breaks. */
interface Family {
  readonly name: string;
  readonly group: string;
  readonly broken: string;
  readonly brokenModel: string;
  readonly tools: boolean;
  /** Upstream path of a chat call and of a streamed one, as LiteLLM composes them. */
  readonly chatPath: string;
  readonly streamPath: string;
}

const FAMILIES: readonly Family[] = [
  { name: 'anthropic', group: 'claude', broken: 'claude-broken', brokenModel: 'claude-broken-1', tools: true, chatPath: '/v1/messages', streamPath: '/v1/messages' },
  {
    name: 'gemini', group: 'gemini', broken: 'gemini-broken', brokenModel: 'gemini-broken-1', tools: true,
    chatPath: '/v1beta/models/gemini-2.5-flash:generateContent', streamPath: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
  },
  { name: 'ollama', group: 'llama', broken: 'llama-broken', brokenModel: 'llama-broken', tools: false, chatPath: '/api/generate', streamPath: '/api/generate' },
  { name: 'ollama_chat', group: 'llama-chat', broken: 'llama-chat-broken', brokenModel: 'llama-chat-broken', tools: true, chatPath: '/api/chat', streamPath: '/api/chat' },
];

let simulator: Simulator;
let proxy: RunningProxy;
let client: OpenAI;

function scenario(rules: Scenario['rules']): Scenario {
  return { name: 'e2e-translating', rules };
}

/** Makes every call to the broken models of all families behave as `step`. */
function breakAll(step: NonNullable<Scenario['rules']>[number]['fault']): void {
  simulator.setScenario(scenario([{ match: { model: FAMILIES.map((family) => family.brokenModel) }, fault: step }]));
}

function expectValid(schema: string, value: unknown): void {
  expect(validateOpenAI(schema, value), `${schema}: ${JSON.stringify(value).slice(0, 400)}`).toEqual([]);
}

beforeAll(async () => {
  simulator = await startSimulator({ scenario: scenario([]) });
  const plan = lowerToPlan(parse(CONFIG) as Record<string, unknown>, '/e2e/translating.yaml');
  proxy = await startProxy({
    plan,
    port: 0,
    simulatorOrigin: simulator.url,
    env: { E2E_ANTHROPIC_KEY: 'sk-ant-e2e', E2E_GEMINI_KEY: 'AIza-e2e' },
  });
  client = new OpenAI({ apiKey: masterKey, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await proxy?.close();
  await simulator?.close();
});

beforeEach(() => {
  simulator.setScenario(scenario([]));
  simulator.resetCalls();
});

describe.each(FAMILIES)('$name through the proxy', (family) => {
  it('answers a chat completion in OpenAI shape, naming the requested group', async () => {
    const completion = await client.chat.completions.create({
      model: family.group,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello to the tester.' }],
      max_tokens: 50,
    });
    expectValid('CreateChatCompletionResponse', completion);
    expect(completion.model).toBe(family.group);
    expect(completion.choices[0]?.message.role).toBe('assistant');
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
    expect(['stop', 'length']).toContain(completion.choices[0]?.finish_reason);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    // The provider received its own wire format on the path LiteLLM would call.
    expect(simulator.calls.map((call) => call.path)).toEqual([family.chatPath]);
  });

  it('streams chunks that validate, with the role first, a finish reason and a usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: family.group,
      messages: [{ role: 'user', content: 'Tell me a short story about a proxy.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expectValid('CreateChatCompletionStreamResponse', chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/\S/);
    const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null);
    expect(finishes).toEqual(['stop']);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(simulator.calls.map((call) => call.path)).toEqual([family.streamPath]);
  });

  it('works with the SDK stream helper (finalChatCompletion needs role and finish_reason)', async () => {
    const runner = client.chat.completions.stream({ model: family.group, messages: [{ role: 'user', content: 'Count to three.' }] });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toMatch(/\S/);
    expect(final.choices[0]?.finish_reason).toBe('stop');
  });

  it('serves legacy /v1/completions', async () => {
    const completion = await client.completions.create({ model: family.group, prompt: 'Once upon a time', max_tokens: 20 });
    expectValid('CreateCompletionResponse', completion);
    expect(completion.choices[0]?.text).toMatch(/\S/);
  });

  it('streams legacy /v1/completions as text_completion chunks', async () => {
    const stream = await client.completions.create({ model: family.group, prompt: 'Once upon a time', stream: true });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    // The spec has no stream schema for legacy completions: chunks share the response shape,
    // except that finish_reason is null until the last one (as OpenAI streams them).
    for (const chunk of chunks) {
      const finished = chunk.choices[0]?.finish_reason !== null;
      expectValid('CreateCompletionResponse', finished ? chunk : { ...chunk, choices: chunk.choices.map((choice) => ({ ...choice, finish_reason: 'stop' })) });
    }
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toMatch(/\S/);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it.each([
    ['rate limit', 429, OpenAI.RateLimitError, 429],
    ['bad request', 400, OpenAI.BadRequestError, 400],
    ['server error', 500, OpenAI.InternalServerError, 500],
    ['unavailable', 503, OpenAI.InternalServerError, 503],
  ] as const)('maps an upstream %s (%i) to an OpenAI error', async (_name, status, errorClass, clientStatus) => {
    breakAll({ fault: 'error', status, message: `simulated ${status}` });
    const error = await client.chat.completions.create({ model: family.broken, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(clientStatus);
    expect(apiError.message).toMatch(/simulated|Exception/);
  });

  it('ends a stream that breaks upstream with an error event the SDK throws, not a hang', async () => {
    breakAll({ fault: 'truncate', afterChunks: 2 });
    const stream = await client.chat.completions.create({ model: family.broken, messages: [{ role: 'user', content: 'A long story, please.' }], stream: true });
    const received: OpenAI.ChatCompletionChunk[] = [];
    const outcome = await (async () => {
      for await (const chunk of stream) received.push(chunk);
      return 'ended normally';
    })().catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(OpenAI.APIError);
    expect(received.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
  });
});

describe.each(FAMILIES.filter((family) => family.tools))('$name tool calls through the proxy', (family) => {
  it('round-trips a tool call: tool_calls out, tool result back in', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{
      type: 'function',
      function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    }];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris? Use get_weather.' }];
    const first = await client.chat.completions.create({ model: family.group, messages, tools, tool_choice: 'required' });
    expectValid('CreateChatCompletionResponse', first);
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function tool call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');
    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: '18C, cloudy' });
    const second = await client.chat.completions.create({ model: family.group, messages, tools });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toContain('18C, cloudy');
  });

  it('streams tool calls a client can assemble into valid JSON arguments', async () => {
    const runner = client.chat.completions.stream({
      model: family.group,
      messages: [{ role: 'user', content: 'Weather in Paris via get_weather, please.' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toHaveProperty('city');
  });

});

describe('ollama (/api/generate) without tool support', () => {
  it('answers tools with LiteLLM\'s UnsupportedParamsError (400)', async () => {
    const error = await client.chat.completions.create({
      model: 'llama',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("ollama does not support parameters: ['tools']");
    expect(simulator.calls).toEqual([]);
  });
});

describe('gemini specifics through the proxy', () => {
  it('calls {api_base}:generateContent when a deployment sets api_base (LiteLLM adds no model path)', async () => {
    const completion = await client.chat.completions.create({ model: 'gemini-custom-base', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.model).toBe('gemini-custom-base');
    const call = simulator.calls.at(-1);
    expect(call?.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(call?.origin).toBe('https://gemini-gateway.internal');
    expect(call?.headers['x-goog-api-key']).toBe('[redacted]');
  });
});

describe('anthropic specifics through the proxy', () => {
  it('authenticates upstream with x-api-key and pins anthropic-version 2023-06-01', async () => {
    await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] });
    const call = simulator.calls.at(-1);
    expect(call?.headers['x-api-key']).toBe('[redacted]');
    expect(call?.headers['anthropic-version']).toBe('2023-06-01');
    expect(call?.headers).not.toHaveProperty('authorization');
    expect(call?.body).toMatchObject({ model: 'claude-sonnet-4-20250514', max_tokens: 4096, messages: [{ role: 'user' }] });
  });

  it('presents an overloaded Anthropic (529) as 503', async () => {
    simulator.setScenario(scenario([{ match: { model: 'claude-broken-1' }, fault: { fault: 'error', status: 529 } }]));
    const error = await client.chat.completions.create({ model: 'claude-broken', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
  });

  it('forwards the provider retry-after to the client', async () => {
    simulator.setScenario(scenario([{ match: { model: 'claude-broken-1' }, fault: { fault: 'error', status: 429, retryAfter: 7 } }]));
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-broken', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('answers an unsupported parameter with a 400 unless drop_params is sent', async () => {
    const error = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }], logit_bias: { '1': 1 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('does not support parameters');
    const ok = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }], logit_bias: { '1': 1 }, drop_params: true } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(ok.choices[0]?.message.content).toMatch(/\S/);
  });
});

describe.each([
  ['gemini', 'gemini-embed'],
  ['ollama', 'nomic'],
])('%s embeddings through the proxy', (_family, group) => {
  it('returns the same vectors as floats and as the SDK-default base64', async () => {
    const asFloats = await client.embeddings.create({ model: group, input: ['alpha', 'beta'], encoding_format: 'float' });
    expectValid('CreateEmbeddingResponse', asFloats);
    expect(asFloats.data).toHaveLength(2);
    expect(asFloats.data[0]?.embedding.length).toBeGreaterThan(0);
    // No encoding_format: the SDK asks for base64 and decodes it itself.
    const byDefault = await client.embeddings.create({ model: group, input: ['alpha', 'beta'] });
    expect(byDefault.data.map((item) => item.embedding.map((value) => Math.fround(value)))).toEqual(asFloats.data.map((item) => item.embedding.map((value) => Math.fround(value))));
  });
});
