import { describe, expect, it } from 'vitest';
import ollama from '../../../../runtime/providers/ollama/adapter.ts';
import ollamaChat from '../../../../runtime/providers/ollama_chat/adapter.ts';
import { makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

const target = makeTarget({ provider: 'ollama', model: 'llama3' });
const context = makeContext({ requestedModel: 'local', callId: 'abc' });
type Result = { id: string; choices: { message: Record<string, unknown>; finish_reason: string; text?: string }[]; usage: unknown };

describe('ollama parseResponse', () => {
  it('maps an /api/generate reply', () => {
    const reply = { model: 'llama3', created_at: '2024-01-01T00:00:00Z', response: 'The sky is blue.', done: true, done_reason: 'stop', prompt_eval_count: 26, eval_count: 7 };
    expect(ollama.parseResponse('chat', reply, target, context)).toEqual({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'local',
      choices: [{ index: 0, message: { role: 'assistant', content: 'The sky is blue.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 26, completion_tokens: 7, total_tokens: 33 },
    });
  });

  it('reports num_predict truncation as length', () => {
    const reply = { response: 'The sky', done: true, done_reason: 'length', prompt_eval_count: 1, eval_count: 2 };
    expect((ollama.parseResponse('chat', reply, target, context) as Result).choices[0]?.finish_reason).toBe('length');
  });

  it('maps an /api/chat reply with tool calls and thinking', () => {
    const reply = {
      model: 'llama3.1',
      message: { role: 'assistant', content: '', thinking: 'need weather', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      done: true, done_reason: 'stop', prompt_eval_count: 10, eval_count: 5,
    };
    const result = ollamaChat.parseResponse('chat', reply, target, context) as Result;
    expect(result.choices[0]).toMatchObject({
      message: { content: null, reasoning_content: 'need weather', tool_calls: [{ id: expect.stringMatching(/^call_[0-9a-f]{24}$/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      finish_reason: 'tool_calls',
    });
  });

  it('answers a legacy completion as text_completion with a cmpl- id', () => {
    const reply = { response: 'end.', done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 1 };
    expect(ollama.parseResponse('completion', reply, target, context)).toMatchObject({ id: 'cmpl-abc', object: 'text_completion', choices: [{ text: 'end.', finish_reason: 'stop' }] });
  });

  it('maps /api/embed to an OpenAI embeddings list with the prompt token count', () => {
    const reply = { model: 'nomic-embed-text', embeddings: [[0.1, 0.2], [0.3, 0.4]], prompt_eval_count: 6 };
    expect(ollama.parseResponse('embedding', reply, target, context)).toEqual({
      object: 'list',
      model: 'local',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }, { object: 'embedding', index: 1, embedding: [0.3, 0.4] }],
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
  });
});

describe('ollama parseError', () => {
  it.each([
    ['unknown model', 404, '{"error":"model \\"llama9\\" not found, try pulling it first"}', { status: 404, errorClass: 'NotFoundError', code: 'model_not_found', retryable: false, message: 'litellm.NotFoundError: OllamaException - model "llama9" not found, try pulling it first' }],
    ['bad request', 400, '{"error":"invalid options"}', { status: 400, errorClass: 'BadRequestError', retryable: false }],
    ['runner crashed', 500, '{"error":"llama runner process has terminated"}', { status: 500, errorClass: 'InternalServerError', retryable: true }],
    ['busy', 503, '{"error":"server busy, please try again.  maximum pending requests exceeded"}', { status: 503, errorClass: 'ServiceUnavailableError', retryable: true }],
    ['reverse proxy text', 502, 'Bad Gateway', { status: 502, errorClass: 'BadGatewayError', retryable: true }],
  ])('%s', (_name, status, body, expected) => {
    expect(ollama.parseError(status, body, {})).toMatchObject(expected);
  });
});

describe('inline <think> reasoning (models run without think)', () => {
  it('moves a leading think block of a reply into reasoning_content', () => {
    const reply = { response: '<think>\nCheck units.\n</think>\n\n42 km', done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 9 };
    expect((ollama.parseResponse('chat', reply, target, context) as Result).choices[0]?.message).toMatchObject({ content: '42 km', reasoning_content: '\nCheck units.\n' });
  });

  it('leaves text without a think block alone', () => {
    const reply = { response: 'I <think> this is fine', done: true, prompt_eval_count: 1, eval_count: 1 };
    expect((ollama.parseResponse('chat', reply, target, context) as Result).choices[0]?.message).toMatchObject({ content: 'I <think> this is fine' });
  });
});
