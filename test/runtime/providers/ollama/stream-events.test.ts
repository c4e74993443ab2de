import { describe, expect, it } from 'vitest';
import ollama from '../../../../runtime/providers/ollama/adapter.ts';
import ollamaChat from '../../../../runtime/providers/ollama_chat/adapter.ts';
import { UpstreamFailure } from '../../../../runtime/router/types.ts';
import { assemble, makeContext, makeTarget, runNdjson } from '../shared/adapter-fixtures.ts';

const target = makeTarget({ provider: 'ollama_chat', model: 'llama3.1' });
const context = (includeUsage = false) => makeContext({ stream: true, includeUsage, requestedModel: 'local', callId: 'abc' });

const CHAT_STREAM = [
  '{"model":"llama3.1","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":"The"},"done":false}',
  '{"model":"llama3.1","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":" sky is blue."},"done":false}',
  '{"model":"llama3.1","created_at":"2024-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1,"prompt_eval_count":26,"eval_count":7}',
].join('\n') + '\n';

const GENERATE_STREAM = [
  '{"model":"llama3","response":"","thinking":"Hmm.","done":false}',
  '{"model":"llama3","response":"Blue","done":false}',
  '{"model":"llama3","response":"","done":true,"done_reason":"length","prompt_eval_count":3,"eval_count":1}',
].join('\n');

describe('ollama NDJSON stream translation', () => {
  it('translates an /api/chat stream and ends on done: true', () => {
    const stream = ollamaChat.createStreamTranslator('chat', target, context());
    const chunks = runNdjson(stream, CHAT_STREAM) as { id: string }[];
    expect(assemble(chunks)).toEqual({ role: 'assistant', content: 'The sky is blue.', reasoning: '', toolCalls: [], finishReason: 'stop' });
    expect(chunks.every((chunk) => chunk.id === 'chatcmpl-abc')).toBe(true);
    expect(stream.finished()).toBe(true);
    expect(stream.usage()).toEqual({ prompt_tokens: 26, completion_tokens: 7, total_tokens: 33 });
  });

  it('translates an /api/generate stream (no trailing newline), thinking and length included', () => {
    const stream = ollama.createStreamTranslator('chat', target, context(true));
    const chunks = runNdjson(stream, GENERATE_STREAM) as Record<string, unknown>[];
    expect(assemble(chunks)).toMatchObject({ content: 'Blue', reasoning: 'Hmm.', finishReason: 'length', usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
  });

  it('streams tool calls from /api/chat with ids and finish_reason tool_calls', () => {
    const stream = ollamaChat.createStreamTranslator('chat', target, context());
    const text = [
      '{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}',
      '{"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":1,"eval_count":1}',
    ].join('\n');
    expect(assemble(runNdjson(stream, text))).toMatchObject({
      toolCalls: [{ id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: '{"city":"Paris"}' }],
      finishReason: 'tool_calls',
    });
  });

  it('streams legacy completions as text_completion chunks', () => {
    const stream = ollama.createStreamTranslator('completion', target, context());
    const chunks = runNdjson(stream, GENERATE_STREAM) as { object: string; choices: { text: string }[] }[];
    expect(chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe('Blue');
  });

  it('is not finished when the stream stops before done: true', () => {
    const stream = ollamaChat.createStreamTranslator('chat', target, context(true));
    const chunks = runNdjson(stream, CHAT_STREAM.split('\n').slice(0, 2).join('\n')) as { choices: unknown[] }[];
    expect(stream.finished()).toBe(false);
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
  });

  it('throws an error line as an UpstreamFailure', () => {
    const stream = ollamaChat.createStreamTranslator('chat', target, context());
    expect(() => stream.push({ data: '{"error":"llama runner process has terminated"}' })).toThrow(UpstreamFailure);
  });
});

describe('inline <think> reasoning in streams', () => {
  it('routes fragments between the tags to reasoning_content', () => {
    const stream = ollama.createStreamTranslator('chat', target, context());
    const lines = ['<think>', 'Check', ' units', '</think>', '\n\n42', ' km'].map((response) => JSON.stringify({ response, done: false }));
    lines.push(JSON.stringify({ response: '', done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 6 }));
    expect(assemble(runNdjson(stream, lines.join('\n')))).toMatchObject({ reasoning: 'Check units', content: '\n\n42 km', finishReason: 'stop' });
  });

  it('handles an opening and closing tag inside one fragment', () => {
    const stream = ollama.createStreamTranslator('chat', target, context());
    const chunks = stream.push({ data: JSON.stringify({ response: 'a<think>b</think>c', done: false }) });
    expect(assemble(chunks)).toMatchObject({ reasoning: 'b', content: 'ac' });
  });
});
