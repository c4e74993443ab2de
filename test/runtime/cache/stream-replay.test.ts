import { describe, expect, it } from 'vitest';
import { replayAsSse } from '../../../runtime/cache/replay-stream.ts';
import { StreamAssembler } from '../../../runtime/cache/stream-assembler.ts';

function sse(chunks: object[], done = true): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');
}

function events(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => event.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

const head = { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 42, model: 'gpt-4o', system_fingerprint: 'fp_1' };

describe('StreamAssembler', () => {
  it('assembles text, role, finish reason and usage, across arbitrary byte splits', () => {
    const text = sse([
      { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { content: 'lo ✓' }, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...head, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    const bytes = Buffer.from(text);
    const assembler = new StreamAssembler();
    for (let at = 0; at < bytes.length; at += 7) assembler.push(bytes.subarray(at, at + 7));
    expect(assembler.result()).toEqual({
      id: 'chatcmpl-9',
      object: 'chat.completion',
      created: 42,
      model: 'gpt-4o',
      system_fingerprint: 'fp_1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello ✓' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it('joins tool call fragments by index', () => {
    const assembler = new StreamAssembler();
    assembler.push(
      sse([
        { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
        { ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }] },
        { ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, finish_reason: null }] },
        { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      ]),
    );
    expect(assembler.result()!.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('assembles text completions', () => {
    const assembler = new StreamAssembler();
    const completion = { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'davinci' };
    assembler.push(sse([{ ...completion, choices: [{ index: 0, text: 'ab', finish_reason: null }] }, { ...completion, choices: [{ index: 0, text: 'c', finish_reason: 'length' }] }]));
    expect(assembler.result()).toEqual({ ...completion, choices: [{ index: 0, text: 'abc', logprobs: null, finish_reason: 'length' }] });
  });

  it('gives nothing for a stream without [DONE] or with an error event', () => {
    const cut = new StreamAssembler();
    cut.push(sse([{ ...head, choices: [{ index: 0, delta: { content: 'partial' }, finish_reason: null }] }], false));
    expect(cut.result()).toBeUndefined();
    const failed = new StreamAssembler();
    failed.push(sse([{ ...head, choices: [{ index: 0, delta: { content: 'x' } }] }, { error: { message: 'upstream broke', code: '500' } }]));
    expect(failed.result()).toBeUndefined();
  });
});

describe('replayAsSse', () => {
  const cached = {
    id: 'chatcmpl-9',
    object: 'chat.completion',
    created: 42,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
  };

  it('sends one content chunk, a finish chunk, usage when asked, then [DONE]', () => {
    expect(events(replayAsSse(cached, true))).toEqual([
      { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 42, model: 'gpt-4o', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, logprobs: null, finish_reason: null }] },
      { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 42, model: 'gpt-4o', choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
      { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 42, model: 'gpt-4o', choices: [], usage: cached.usage },
      '[DONE]',
    ]);
    expect(events(replayAsSse(cached, false))).toHaveLength(3);
  });

  it('replays what the assembler built back into the same response', () => {
    const withTools = {
      ...cached,
      choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, logprobs: null, finish_reason: 'tool_calls' }],
    };
    const assembler = new StreamAssembler();
    assembler.push(replayAsSse(withTools, true));
    expect(assembler.result()).toEqual(withTools);
  });
});
