import { describe, expect, it } from 'vitest';
import type { AdapterTarget, RequestContext } from '../../../../runtime/providers/adapter.ts';
import openAiAdapter from '../../../../runtime/providers/openai/adapter.ts';
import azureAdapter from '../../../../runtime/providers/azure/adapter.ts';
import deepSeekAdapter from '../../../../runtime/providers/deepseek/adapter.ts';
import { parseOpenAiError } from '../../../../runtime/providers/openai/errors.ts';
import { retryAfterMs } from '../../../../runtime/providers/shared/retry-after.ts';

const context: RequestContext = { callId: 'c', requestedModel: 'g', created: 0, stream: false, includeUsage: false };

function target(overrides: Partial<AdapterTarget> = {}): AdapterTarget {
  return { provider: 'openai', model: 'gpt-4o', apiBase: 'https://api.openai.com/v1', apiKey: 'k', params: {}, dropParams: false, ...overrides };
}

function sentBody(adapter = openAiAdapter, body: Record<string, unknown>, t = target()) {
  return JSON.parse(adapter.buildRequest('chat', body, t, context).body!) as Record<string, unknown>;
}

describe('OpenAI request body', () => {
  it('uses deployment params as defaults the client overrides, and sends the upstream model', () => {
    const t = target({ params: { temperature: 0.1, max_tokens: 20 } });
    const body = sentBody(openAiAdapter, { model: 'group', temperature: 0.9, messages: [] }, t);
    expect(body).toEqual({ model: 'gpt-4o', temperature: 0.9, max_tokens: 20, messages: [] });
  });

  it("strips LiteLLM's request controls and client-side credentials", () => {
    const body = sentBody(openAiAdapter, { model: 'g', messages: [], metadata: { a: 1 }, num_retries: 3, fallbacks: ['x'], api_key: 'stolen', api_base: 'http://evil', mock_testing_fallbacks: true, user: 'u' });
    expect(body).toEqual({ model: 'gpt-4o', messages: [], user: 'u' });
  });

  it('does not mutate the client body (retries reuse it)', () => {
    const client = { model: 'g', messages: [], metadata: {} };
    sentBody(openAiAdapter, client);
    expect(client).toEqual({ model: 'g', messages: [], metadata: {} });
  });

  it('merges extra_body and never sends extra_headers or additional_drop_params in the body', () => {
    const t = target({ params: { extra_body: { top_k: 5 }, extra_headers: { 'X-A': '1' }, additional_drop_params: ['logit_bias'] } });
    const request = openAiAdapter.buildRequest('chat', { model: 'g', messages: [], logit_bias: { 1: 2 } }, t, context);
    expect(JSON.parse(request.body!)).toEqual({ model: 'gpt-4o', messages: [], top_k: 5 });
    expect(request.headers['x-a']).toBe('1');
  });
});

describe('DeepSeek body quirks', () => {
  it('flattens list content and maps reasoning_effort to thinking', () => {
    const t = target({ provider: 'deepseek', model: 'deepseek-chat', apiBase: 'https://api.deepseek.com/beta' });
    const body = sentBody(deepSeekAdapter, { model: 'g', reasoning_effort: 'high', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] }, t);
    expect(body).toEqual({ model: 'deepseek-chat', thinking: { type: 'enabled' }, messages: [{ role: 'user', content: 'ab' }] });
  });

  it('keeps reasoning_content on assistant messages (DeepSeek requires it back)', () => {
    const t = target({ provider: 'deepseek', model: 'deepseek-reasoner', apiBase: 'https://api.deepseek.com' });
    const messages = [{ role: 'assistant', content: 'x', reasoning_content: 'why' }, { role: 'user', content: 'y' }];
    expect(sentBody(deepSeekAdapter, { model: 'g', messages }, t).messages).toEqual(messages);
  });
});

describe('Azure stream normalisation', () => {
  it('drops the content-filter-only first chunk and keeps content and usage chunks, naming the requested model', () => {
    const translator = azureAdapter.createStreamTranslator('chat', target({ provider: 'azure' }), { ...context, stream: true });
    expect(translator.push({ data: JSON.stringify({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [] }) })).toEqual([]);
    const content = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }] };
    expect(translator.push({ data: JSON.stringify(content) })).toEqual([{ ...content, model: 'g' }]);
    const usage = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } };
    expect(translator.push({ data: JSON.stringify(usage) })).toEqual([{ ...usage, model: 'g' }]);
    expect(translator.finished()).toBe(false);
    translator.push({ data: '[DONE]' });
    expect(translator.finished()).toBe(true);
    expect(translator.usage()).toEqual({ prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 });
  });
});

describe('upstream error normalisation', () => {
  it('maps an OpenAI 401 to AuthenticationError, not retryable', () => {
    const error = parseOpenAiError('openai', 401, JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }), {});
    expect(error).toMatchObject({ status: 401, errorClass: 'AuthenticationError', retryable: false, code: 'invalid_api_key', message: 'litellm.AuthenticationError: OpenAIException - Incorrect API key provided' });
  });

  it('tells a rate limit (retryable, with retry-after) from exhausted quota (not retryable)', () => {
    const limited = parseOpenAiError('openai', 429, JSON.stringify({ error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded' } }), { 'retry-after': '2' });
    expect(limited).toMatchObject({ status: 429, errorClass: 'RateLimitError', retryable: true, retryAfterMs: 2000 });
    const quota = parseOpenAiError('openai', 429, JSON.stringify({ error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } }), {});
    expect(quota.retryable).toBe(false);
  });

  it('recognises context-window and content-filter 400s', () => {
    expect(parseOpenAiError('openai', 400, JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded' } }), {}).errorClass).toBe('ContextWindowExceededError');
    expect(parseOpenAiError('azure', 400, JSON.stringify({ error: { message: 'filtered', code: 'content_filter', status: 400 } }), {}).errorClass).toBe('ContentPolicyViolationError');
  });

  it('parses vLLM flat errors, OpenRouter numeric codes, and non-JSON bodies', () => {
    expect(parseOpenAiError('hosted_vllm', 400, JSON.stringify({ object: 'error', message: 'bad', type: 'BadRequestError', code: 400 }), {})).toMatchObject({ message: 'litellm.BadRequestError: Hosted_vllmException - bad', code: '400' });
    expect(parseOpenAiError('openrouter', 402, JSON.stringify({ error: { code: 402, message: 'no credits' } }), {})).toMatchObject({ status: 402, code: '402', retryable: false });
    expect(parseOpenAiError('openai', 502, '<html>Bad Gateway</html>', {})).toMatchObject({ status: 502, errorClass: 'BadGatewayError', retryable: true, message: 'litellm.BadGatewayError: OpenAIException - <html>Bad Gateway</html>' });
  });

  it('presents 529 as 503, a gateway timeout as Timeout (408), and prefers retry-after-ms', () => {
    expect(parseOpenAiError('openai', 529, '{}', {}).status).toBe(503);
    expect(parseOpenAiError('openai', 504, '<html>Gateway Timeout</html>', {})).toMatchObject({ status: 408, errorClass: 'Timeout', type: 'timeout', retryable: true });
    expect(parseOpenAiError('openai', 520, '{}', {})).toMatchObject({ status: 520, errorClass: 'APIError', retryable: true });
    // 0 is the header's literal meaning (no wait), not "absent": retry-after is not consulted.
    expect(parseOpenAiError('azure', 429, '{}', { 'retry-after-ms': '0', 'retry-after': '7' }).retryAfterMs).toBe(0);
    expect(parseOpenAiError('openai', 503, '{}', { 'x-should-retry': 'false' }).retryable).toBe(false);
    expect(retryAfterMs({ 'retry-after-ms': '150', 'retry-after': '9' })).toBe(150);
    expect(retryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
  });
});

describe('body hygiene', () => {
  it('never forwards a client extra_headers field, nor stream on embeddings', () => {
    expect(sentBody(openAiAdapter, { model: 'g', messages: [], extra_headers: { Authorization: 'Bearer other' } })).toEqual({ model: 'gpt-4o', messages: [] });
    const embedding = openAiAdapter.buildRequest('embedding', { model: 'g', input: 'x', stream: true }, target(), context);
    expect(JSON.parse(embedding.body!)).toEqual({ model: 'gpt-4o', input: 'x' });
  });
});

describe('drop_params', () => {
  const perplexity = (dropParams: boolean) => target({ provider: 'perplexity', model: 'sonar', apiBase: 'https://api.perplexity.ai', dropParams });
  const body = { model: 'g', messages: [], temperature: 0.2, tools: [{ type: 'function', function: { name: 'f' } }], seed: 1 };

  it('rejects parameters the provider does not support, naming them, when drop_params is off', () => {
    expect(() => openAiAdapter.buildRequest('chat', body, perplexity(false), context)).toThrow(expect.objectContaining({ name: 'UpstreamFailure', error: expect.objectContaining({ status: 400, errorClass: 'UnsupportedParamsError', param: 'tools' }) }));
  });

  it('drops them when drop_params is on, keeping the supported ones', () => {
    expect(sentBody(openAiAdapter, body, perplexity(true))).toEqual({ model: 'sonar', messages: [], temperature: 0.2 });
  });
});
