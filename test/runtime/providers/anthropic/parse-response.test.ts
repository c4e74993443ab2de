import { describe, expect, it } from 'vitest';
import anthropic from '../../../../runtime/providers/anthropic/adapter.ts';
import { mapFinishReason } from '../../../../runtime/providers/anthropic/map-finish-reason.ts';
import { makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

const toolReply = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-20250514',
  content: [
    { type: 'text', text: 'Let me check.', citations: null },
    { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 472, output_tokens: 89, cache_creation_input_tokens: 10, cache_read_input_tokens: 100, service_tier: 'standard' },
};

describe('anthropic parseResponse', () => {
  it('maps a tool-use message to a chat.completion with the requested model name', () => {
    expect(anthropic.parseResponse('chat', toolReply, makeTarget(), makeContext({ requestedModel: 'my-claude' }))).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'my-claude',
      choices: [{
        index: 0,
        message: {
          role: 'assistant',
          content: 'Let me check.',
          refusal: null,
          tool_calls: [{ id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      }],
      // input_tokens excludes cached tokens: the prompt is 472 + 10 + 100.
      usage: { prompt_tokens: 582, completion_tokens: 89, total_tokens: 671, prompt_tokens_details: { cached_tokens: 100 } },
    });
  });

  it('gives content null when there is no text, and "{}" arguments for empty input', () => {
    const reply = { ...toolReply, content: [{ type: 'tool_use', id: 't', name: 'ping', input: {} }] };
    const result = anthropic.parseResponse('chat', reply, makeTarget(), makeContext()) as { choices: { message: { content: unknown; tool_calls: { function: { arguments: string } }[] } }[] };
    expect(result.choices[0]?.message.content).toBeNull();
    expect(result.choices[0]?.message.tool_calls[0]?.function.arguments).toBe('{}');
  });

  it('returns the forced JSON tool input as content with finish_reason stop (response_format)', () => {
    const reply = { ...toolReply, content: [{ type: 'tool_use', id: 't', name: 'json_tool_call', input: { answer: 'yes' } }] };
    const result = anthropic.parseResponse('chat', reply, makeTarget(), makeContext()) as { choices: { message: Record<string, unknown>; finish_reason: string }[] };
    expect(result.choices[0]?.message['content']).toBe('{"answer":"yes"}');
    expect(result.choices[0]?.message).not.toHaveProperty('tool_calls');
    expect(result.choices[0]?.finish_reason).toBe('stop');
  });

  it('puts thinking text in reasoning_content', () => {
    const reply = { ...toolReply, stop_reason: 'end_turn', content: [{ type: 'thinking', thinking: 'hmm', signature: 's' }, { type: 'text', text: 'Done' }] };
    const result = anthropic.parseResponse('chat', reply, makeTarget(), makeContext()) as { choices: { message: Record<string, unknown> }[] };
    expect(result.choices[0]?.message).toMatchObject({ content: 'Done', reasoning_content: 'hmm' });
  });

  it('answers a legacy completion as a text_completion', () => {
    const reply = { ...toolReply, stop_reason: 'max_tokens', content: [{ type: 'text', text: 'Hello' }] };
    expect(anthropic.parseResponse('completion', reply, makeTarget(), makeContext())).toMatchObject({
      object: 'text_completion',
      choices: [{ text: 'Hello', index: 0, logprobs: null, finish_reason: 'length' }],
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
    ['compaction', 'length'],
    ['something_new', 'stop'],
  ])('stop_reason %s → finish_reason %s', (reason, expected) => {
    expect(mapFinishReason(reason)).toBe(expected);
  });
});
