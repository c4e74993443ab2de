import { describe, expect, it } from 'vitest';
import gemini from '../../../../runtime/providers/gemini/adapter.ts';
import { mapFinishReason } from '../../../../runtime/providers/gemini/map-finish-reason.ts';
import { makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

const target = makeTarget({ provider: 'gemini', model: 'gemini-2.5-flash' });
const context = makeContext({ requestedModel: 'gem' });
type Result = { id: string; choices: { message: Record<string, unknown>; finish_reason: string }[]; usage: Record<string, unknown> };

describe('gemini parseResponse', () => {
  it('maps the §5.3 response, counting thoughts as completion tokens', () => {
    const reply = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'It is 18C and cloudy.' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 25, candidatesTokenCount: 9, thoughtsTokenCount: 120, cachedContentTokenCount: 0, totalTokenCount: 154 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'mHxyZ-abc',
    };
    expect(gemini.parseResponse('chat', reply, target, context)).toEqual({
      id: 'mHxyZ-abc',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gem',
      choices: [{ index: 0, message: { role: 'assistant', content: 'It is 18C and cloudy.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 25, completion_tokens: 129, total_tokens: 154,
        prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 120 },
      },
    });
  });

  it('does not add thoughts twice when the candidate count already includes them', () => {
    const reply = { candidates: [], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 30, thoughtsTokenCount: 20, totalTokenCount: 40 } };
    expect((gemini.parseResponse('chat', reply, target, context) as Result).usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 30, total_tokens: 40 });
  });

  it('turns function calls into tool calls with deterministic ids and finish_reason tool_calls', () => {
    const reply = { candidates: [{ content: { role: 'model', parts: [
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig' },
      { functionCall: { name: 'get_time', args: {}, id: 'fc-2' } },
    ] }, finishReason: 'STOP', index: 0 }] };
    const first = gemini.parseResponse('chat', reply, target, context) as Result;
    const again = gemini.parseResponse('chat', reply, target, context) as Result;
    const calls = first.choices[0]?.message['tool_calls'] as { id: string; function: { name: string; arguments: string } }[];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(first.choices[0]?.message['content']).toBeNull();
    expect(calls.map((call) => call.function)).toEqual([{ name: 'get_weather', arguments: '{"city":"Paris"}' }, { name: 'get_time', arguments: '{}' }]);
    expect(calls[0]?.id).toMatch(/^call_[0-9a-f]{24}__thought__sig$/);
    expect(calls[1]?.id).toBe('fc-2');
    expect(again.choices[0]?.message['tool_calls']).toEqual(calls);
  });

  it('keeps thought parts out of content, in reasoning_content', () => {
    const reply = { candidates: [{ content: { parts: [{ text: 'thinking…', thought: true }, { text: 'Answer' }] }, finishReason: 'STOP' }] };
    expect((gemini.parseResponse('chat', reply, target, context) as Result).choices[0]?.message).toMatchObject({ content: 'Answer', reasoning_content: 'thinking…' });
  });

  it('drops the content of a SAFETY-blocked candidate and reports content_filter', () => {
    const reply = { candidates: [{ content: { parts: [{ text: 'partial' }] }, finishReason: 'SAFETY' }] };
    expect((gemini.parseResponse('chat', reply, target, context) as Result).choices[0]).toMatchObject({ message: { content: null }, finish_reason: 'content_filter' });
  });

  it('answers a blocked prompt (no candidates) with content_filter', () => {
    const reply = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } };
    expect((gemini.parseResponse('chat', reply, target, context) as Result).choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' },
    ]);
  });

  it('maps several candidates to several choices', () => {
    const reply = { candidates: [
      { content: { parts: [{ text: 'A' }] }, finishReason: 'STOP', index: 0 },
      { content: { parts: [{ text: 'B' }] }, finishReason: 'MAX_TOKENS', index: 1 },
    ] };
    const result = gemini.parseResponse('chat', reply, target, context) as Result;
    expect(result.choices.map((choice) => [choice.message['content'], choice.finish_reason])).toEqual([['A', 'stop'], ['B', 'length']]);
  });

  it('maps batchEmbedContents to an OpenAI embeddings list', () => {
    expect(gemini.parseResponse('embedding', { embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] }, target, context)).toEqual({
      object: 'list',
      model: 'gem',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }, { object: 'embedding', index: 1, embedding: [0.3, 0.4] }],
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['FINISH_REASON_UNSPECIFIED', false, 'stop'],
    ['MAX_TOKENS', false, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['IMAGE_PROHIBITED_CONTENT', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['TOO_MANY_TOOL_CALLS', false, 'stop'],
  ])('finishReason %s (tool calls: %s) → %s', (reason, tools, expected) => {
    expect(mapFinishReason(reason, tools)).toBe(expected);
  });
});
