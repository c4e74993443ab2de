import { describe, expect, it } from 'vitest';
import anthropic from '../../../../runtime/providers/anthropic/adapter.ts';
import { UpstreamFailure } from '../../../../runtime/router/types.ts';
import { assemble, makeContext, makeTarget, runSse } from '../shared/adapter-fixtures.ts';

/** The event sequence of providers.md §4.4 (text, then a tool call whose JSON arrives in pieces). */
const TOOL_STREAM = `event: message_start
data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}

event: ping
data: {"type":"ping"}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Par"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

event: message_stop
data: {"type":"message_stop"}

`;

function translator(options: { includeUsage?: boolean; operation?: 'chat' | 'completion' } = {}) {
  return anthropic.createStreamTranslator(options.operation ?? 'chat', makeTarget(), makeContext({ stream: true, includeUsage: options.includeUsage ?? false, requestedModel: 'claude' }));
}

describe('anthropic stream translation', () => {
  it('turns the §4.4 event sequence into OpenAI chunks a client can assemble', () => {
    const stream = translator();
    const chunks = runSse(stream, TOOL_STREAM);
    expect(assemble(chunks)).toEqual({
      role: 'assistant',
      content: 'Let me check.',
      reasoning: '',
      toolCalls: [{ id: 'toolu_01A', name: 'get_weather', arguments: '{"city": "Paris"}' }],
      finishReason: 'tool_calls',
    });
    expect(stream.finished()).toBe(true);
    expect(stream.usage()).toMatchObject({ prompt_tokens: 472, completion_tokens: 89, total_tokens: 561 });
  });

  it('sends the spec-required fields on every chunk, the role first and the finish last', () => {
    const chunks = runSse(translator(), TOOL_STREAM) as Record<string, unknown>[];
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: 'msg_01', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'claude' });
      expect(chunk).not.toHaveProperty('usage');
    }
    expect(chunks[0]).toMatchObject({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] });
    // The first tool fragment carries id, type and name (the openai SDK's stream helper needs them).
    expect(chunks[2]).toMatchObject({ choices: [{ delta: { tool_calls: [{ index: 0, id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }] });
  });

  it('adds usage: null to chunks and a final usage-only chunk when the client asked for usage', () => {
    const chunks = runSse(translator({ includeUsage: true }), TOOL_STREAM) as Record<string, unknown>[];
    expect(chunks.slice(0, -1).every((chunk) => chunk['usage'] === null)).toBe(true);
    expect(chunks.at(-1)).toEqual({
      id: 'msg_01', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'claude', choices: [],
      usage: { prompt_tokens: 472, completion_tokens: 89, total_tokens: 561, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('numbers tool calls from 0 and completes empty arguments to "{}"', () => {
    const events = [
      { type: 'message_start', message: { id: 'm', usage: { input_tokens: 1, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't1', name: 'now', input: {} } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ];
    const stream = translator();
    const chunks = events.flatMap((event) => stream.push({ data: JSON.stringify(event) }));
    expect(assemble(chunks).toolCalls).toEqual([{ id: 't1', name: 'now', arguments: '{}' }]);
  });

  it('works without event: lines (dispatch is on the JSON type)', () => {
    const dataOnly = TOOL_STREAM.replace(/^event: .*\n/gm, '');
    expect(assemble(runSse(translator(), dataOnly)).content).toBe('Let me check.');
  });

  it('streams a response_format JSON tool as content and finishes with stop', () => {
    const events = [
      { type: 'message_start', message: { id: 'm', usage: { input_tokens: 1, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'json_tool_call', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ];
    const stream = translator();
    const result = assemble(events.flatMap((event) => stream.push({ data: JSON.stringify(event) })));
    expect(result).toMatchObject({ content: '{"a":1}', toolCalls: [], finishReason: 'stop' });
  });

  it('passes thinking deltas as reasoning_content', () => {
    const stream = translator();
    const chunks = [
      { type: 'message_start', message: { id: 'm', usage: { input_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'abc' } },
    ].flatMap((event) => stream.push({ data: JSON.stringify(event) }));
    expect(assemble(chunks).reasoning).toBe('Let me think');
  });

  it('streams legacy completions as text_completion chunks', () => {
    const chunks = runSse(translator({ operation: 'completion' }), TOOL_STREAM) as { object: string; choices: { text: string; finish_reason: string | null }[] }[];
    expect(chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.text).join('')).toBe('Let me check.');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('reports a stream cut before message_stop as not finished, and sends no usage chunk', () => {
    const cut = TOOL_STREAM.slice(0, TOOL_STREAM.indexOf('event: message_delta'));
    const stream = translator({ includeUsage: true });
    const chunks = runSse(stream, cut) as { choices: unknown[] }[];
    expect(stream.finished()).toBe(false);
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
    expect(assemble(chunks).finishReason).toBeNull();
  });

  it('throws the mid-stream error event as an UpstreamFailure (overloaded → 503, retryable)', () => {
    const stream = translator();
    stream.push({ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'm' } }) });
    let thrown: unknown;
    try {
      stream.push({ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UpstreamFailure);
    expect((thrown as UpstreamFailure).error).toMatchObject({ status: 503, errorClass: 'InternalServerError', retryable: true, type: 'server_error' });
    expect(stream.finished()).toBe(false);
  });
});
