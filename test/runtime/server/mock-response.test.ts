/**
 * mock_response, per deployment (litellm_params) or per request: answered without calling the
 * provider, errors going through the router like real ones.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { chatCompletion, sendJson } from './fake-upstream.ts';
import { proxyOnFakeUpstream } from './proxy-on-fake-upstream.ts';

const served = proxyOnFakeUpstream((upstreamUrl) => {
  const base = `api_key: k, api_base: "${upstreamUrl}/v1"`;
  return `
model_list:
  - model_name: canned
    litellm_params: {model: openai/canned, ${base}, mock_response: "It's simple to use"}
  - model_name: canned-claude
    litellm_params: {model: anthropic/claude-3-haiku-20240307, api_key: k, mock_response: "Hi from a mock"}
  - model_name: limited
    litellm_params: {model: openai/limited, ${base}, mock_response: litellm.RateLimitError}
  - model_name: whole
    litellm_params:
      model: openai/whole
      api_key: k
      api_base: "${upstreamUrl}/v1"
      mock_response: {id: chatcmpl-fixed, object: chat.completion, created: 1, model: x, choices: [{index: 0, message: {role: assistant, content: fixed}, finish_reason: stop}]}
  - model_name: real
    litellm_params: {model: openai/real, ${base}}
  - model_name: "canned/*"
    litellm_params: {model: "*", mock_response: "from a pattern"}
  - model_name: real-embedding
    litellm_params: {model: openai/text-embedding-3-small, ${base}, mock_response: "not for embeddings"}
    model_info: {mode: embedding}
router_settings:
  num_retries: 0
  fallbacks: [{limited: [real]}]
`;
});

beforeEach(() => {
  served.upstream.requests.length = 0;
  served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion('from the provider'));
});

const post = (path: string, body: Record<string, unknown>) =>
  fetch(`${served.proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const chat = (model: string, extra: Record<string, unknown> = {}) => post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'x' }], ...extra });

function events(text: string): Record<string, unknown>[] {
  expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)) as Record<string, unknown>);
}

describe('mock_response', () => {
  it('answers the text without calling the provider, in OpenAI shape, for any provider', async () => {
    for (const group of ['canned', 'canned-claude']) {
      const response = await chat(group);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { model: string; choices: { message: { content: string }; finish_reason: string }[]; usage: unknown };
      expect(body.model).toBe(group);
      expect(body.choices[0]!.finish_reason).toBe('stop');
      expect(body.usage).toEqual({ prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 });
      expect(response.headers.get('x-litellm-model-group')).toBe(group);
    }
    const [canned, claude] = await Promise.all([chat('canned', { n: 2 }), chat('canned-claude')]);
    const cannedBody = (await canned.json()) as { choices: { message: { content: string } }[] };
    expect(cannedBody.choices.map((choice) => choice.message.content)).toEqual(["It's simple to use", "It's simple to use"]);
    expect(((await claude.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('Hi from a mock');
    // A catch-all deployment answers before its provider is even resolved.
    const pattern = (await (await chat('canned/no-such-provider-model')).json()) as { model: string; choices: { message: { content: string } }[] };
    expect([pattern.model, pattern.choices[0]!.message.content]).toEqual(['canned/no-such-provider-model', 'from a pattern']);
    expect(served.upstream.requests).toEqual([]);
  });

  it('streams the text in three-character pieces, with usage when asked and [DONE]', async () => {
    const response = await chat('canned', { stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const chunks = events(await response.text()) as { choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; usage?: unknown; model: string }[];
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const pieces = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).filter((piece) => piece !== '');
    expect(pieces.join('')).toBe("It's simple to use");
    expect(pieces.every((piece) => piece.length <= 3)).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 });
    expect(new Set(chunks.map((chunk) => chunk.model))).toEqual(new Set(['canned']));
    expect(served.upstream.requests).toEqual([]);
  });

  it('takes the request body value over the deployment, and mocks groups that have none', async () => {
    const override = (await (await chat('canned', { mock_response: 'per request' })).json()) as { choices: { message: { content: string } }[] };
    expect(override.choices[0]!.message.content).toBe('per request');
    const real = (await (await chat('real', { mock_response: 'no provider call' })).json()) as { choices: { message: { content: string } }[] };
    expect(real.choices[0]!.message.content).toBe('no provider call');
    expect(served.upstream.requests).toEqual([]);
  });

  it('raises a named error through the router: the fallback serves it', async () => {
    const response = await chat('limited');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('from the provider');
    expect(served.upstream.requests.map((request) => request.body.model)).toEqual(['real']);
    const refused = await chat('limited', { disable_fallbacks: true });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('litellm.RateLimitError: this is a mock rate limit error');
  });

  it('maps the other error names to their classes', async () => {
    const context = await chat('real', { mock_response: 'litellm.ContextWindowExceededError' });
    expect(context.status).toBe(400);
    expect(((await context.json()) as { error: { code: string } }).error.code).toBe('400');
    expect((await chat('real', { mock_response: 'litellm.InternalServerError' })).status).toBe(500);
  });

  it('returns an object as the response itself, naming the requested model', async () => {
    const body = (await (await chat('whole')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'chatcmpl-fixed', model: 'whole', choices: [{ message: { content: 'fixed' } }] });
  });

  it('answers legacy completions as text_completion', async () => {
    const body = (await (await post('/v1/completions', { model: 'canned', prompt: 'x' })).json()) as { object: string; choices: { text: string }[] };
    expect(body.object).toBe('text_completion');
    expect(body.choices[0]!.text).toBe("It's simple to use");
  });

  it('leaves embeddings to the provider', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, { object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 0, embedding: [0.5] }], usage: { prompt_tokens: 1, total_tokens: 1 } });
    const response = await post('/v1/embeddings', { model: 'real-embedding', input: 'x', encoding_format: 'float' });
    expect(response.status).toBe(200);
    expect(served.upstream.requests).toHaveLength(1);
  });
});
