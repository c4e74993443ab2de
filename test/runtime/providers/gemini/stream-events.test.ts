import { describe, expect, it } from 'vitest';
import gemini from '../../../../runtime/providers/gemini/adapter.ts';
import { UpstreamFailure } from '../../../../runtime/router/types.ts';
import { assemble, makeContext, makeTarget, runSse } from '../shared/adapter-fixtures.ts';

/** The §5.4 stream, with the CRLF separators Gemini has been seen to use. */
const TEXT_STREAM = [
  'data: {"candidates":[{"content":{"parts":[{"text":"It is"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":25,"totalTokenCount":25},"modelVersion":"gemini-2.5-flash","responseId":"r1"}',
  'data: {"candidates":[{"content":{"parts":[{"text":" 18C and cloudy."}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":25,"candidatesTokenCount":9,"totalTokenCount":34},"modelVersion":"gemini-2.5-flash","responseId":"r1"}',
].join('\r\n\r\n') + '\r\n\r\n';

const target = makeTarget({ provider: 'gemini', model: 'gemini-2.5-flash' });
const translator = (includeUsage = false) => gemini.createStreamTranslator('chat', target, makeContext({ stream: true, includeUsage, requestedModel: 'gem' }));

describe('gemini stream translation', () => {
  it('turns the §5.4 stream into OpenAI chunks, role first, finish on the last event', () => {
    const stream = translator();
    const chunks = runSse(stream, TEXT_STREAM) as { id: string; object: string; choices: unknown[] }[];
    expect(assemble(chunks)).toEqual({ role: 'assistant', content: 'It is 18C and cloudy.', reasoning: '', toolCalls: [], finishReason: 'stop' });
    expect(chunks.every((chunk) => chunk.id === 'r1' && chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(stream.finished()).toBe(true);
    expect(stream.usage()).toEqual({ prompt_tokens: 25, completion_tokens: 9, total_tokens: 34 });
  });

  it('sends the latest usage in a final usage-only chunk when asked', () => {
    const chunks = runSse(translator(true), TEXT_STREAM) as Record<string, unknown>[];
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 25, completion_tokens: 9, total_tokens: 34 } });
    expect(chunks.slice(0, -1).every((chunk) => chunk['usage'] === null)).toBe(true);
  });

  it('sends a whole function call as one tool-call fragment and finishes with tool_calls', () => {
    const stream = translator();
    const chunks = runSse(stream, 'data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}],"role":"model"},"finishReason":"STOP","index":0}]}\n\n');
    const result = assemble(chunks);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: expect.stringMatching(/^call_[0-9a-f]{24}$/), name: 'get_weather', arguments: '{"city":"Paris"}' }]);
  });

  it('treats a connection closed before any finishReason as truncated', () => {
    const stream = translator(true);
    const chunks = runSse(stream, TEXT_STREAM.slice(0, TEXT_STREAM.indexOf('\r\n\r\n') + 4)) as { choices: unknown[] }[];
    expect(stream.finished()).toBe(false);
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
  });

  it('ends with content_filter when the prompt is blocked', () => {
    const stream = translator();
    const chunks = runSse(stream, 'data: {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3}}\n\n');
    expect(assemble(chunks).finishReason).toBe('content_filter');
    expect(stream.finished()).toBe(true);
  });

  it('throws an in-stream error object as an UpstreamFailure', () => {
    const stream = translator();
    let thrown: unknown;
    try {
      stream.push({ data: '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}' });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as UpstreamFailure).error).toMatchObject({ status: 503, errorClass: 'ServiceUnavailableError', retryable: true });
  });

  it('keeps candidates apart when n > 1 and finishes only when all are done', () => {
    const stream = translator();
    const first = stream.push({ data: JSON.stringify({ candidates: [{ content: { parts: [{ text: 'A' }] }, index: 0, finishReason: 'STOP' }, { content: { parts: [{ text: 'B' }] }, index: 1 }] }) });
    expect(stream.finished()).toBe(false);
    const second = stream.push({ data: JSON.stringify({ candidates: [{ content: { parts: [{ text: 'C' }] }, index: 1, finishReason: 'MAX_TOKENS' }] }) });
    expect(stream.finished()).toBe(true);
    const byChoice = new Map<number, string>();
    for (const chunk of [...first, ...second] as { choices: { index: number; delta: { content?: string }; finish_reason: string | null }[] }[]) {
      for (const choice of chunk.choices) byChoice.set(choice.index, (byChoice.get(choice.index) ?? '') + (choice.delta.content ?? '') + (choice.finish_reason ? `|${choice.finish_reason}` : ''));
    }
    expect(Object.fromEntries(byChoice)).toEqual({ 0: 'A|stop', 1: 'BC|length' });
  });
});
