import { describe, expect, it } from 'vitest';
import anthropic, { anthropicUrl } from '../../../../runtime/providers/anthropic/adapter.ts';
import { failureOf, makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

function build(body: Record<string, unknown>, target = makeTarget(), context = makeContext()) {
  const request = anthropic.buildRequest('chat', body, target, context);
  return { request, body: JSON.parse(request.body ?? '{}') as Record<string, unknown> };
}

const hello = { model: 'claude', messages: [{ role: 'user', content: 'Hi' }] };

describe('anthropic URL composition (as LiteLLM)', () => {
  it.each([
    ['no base → public API', undefined, 'https://api.anthropic.com/v1/messages'],
    ['bare host', 'https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    ['trailing slash is kept, not normalised', 'http://127.0.0.1:9000/', 'http://127.0.0.1:9000//v1/messages'],
    ['base already ending in /v1/messages', 'https://gw.example/anthropic/v1/messages', 'https://gw.example/anthropic/v1/messages'],
    ['a /v1 base gets a second /v1', 'https://api.anthropic.com/v1', 'https://api.anthropic.com/v1/v1/messages'],
  ])('%s', (_name, base, url) => {
    expect(anthropicUrl(base)).toBe(url);
  });
});

describe('anthropic buildRequest', () => {
  it('sends x-api-key, the pinned anthropic-version and deployment extra_headers', () => {
    const { request } = build(hello, makeTarget({ params: { extra_headers: { 'anthropic-beta': 'tools-2024' } } }));
    expect(request.method).toBe('POST');
    expect(request.streamFraming).toBe('sse');
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'tools-2024',
      'x-api-key': 'sk-test-key',
    });
  });

  it('translates a tool-using conversation with system, images and tool results', () => {
    const { body } = build({
      model: 'claude',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: [
          { type: 'text', text: "What's the weather in Paris?" },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ] },
        { role: 'assistant', content: 'Let me check.', tool_calls: [
          { id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_01B', type: 'function', function: { name: 'get_time', arguments: '' } },
        ] },
        { role: 'tool', tool_call_id: 'toolu_01A', content: '18C, cloudy' },
        { role: 'tool', tool_call_id: 'toolu_01B', content: '14:00' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
        { type: 'function', function: { name: 'get_time' } },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      stop: 'END',
      temperature: 0.2,
      user: 'user-42',
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "max_tokens": 4096,
        "messages": [
          {
            "content": [
              {
                "text": "What's the weather in Paris?",
                "type": "text",
              },
              {
                "source": {
                  "data": "iVBOR",
                  "media_type": "image/png",
                  "type": "base64",
                },
                "type": "image",
              },
              {
                "source": {
                  "type": "url",
                  "url": "https://example.com/cat.jpg",
                },
                "type": "image",
              },
            ],
            "role": "user",
          },
          {
            "content": [
              {
                "text": "Let me check.",
                "type": "text",
              },
              {
                "id": "toolu_01A",
                "input": {
                  "city": "Paris",
                },
                "name": "get_weather",
                "type": "tool_use",
              },
              {
                "id": "toolu_01B",
                "input": {},
                "name": "get_time",
                "type": "tool_use",
              },
            ],
            "role": "assistant",
          },
          {
            "content": [
              {
                "content": "18C, cloudy",
                "tool_use_id": "toolu_01A",
                "type": "tool_result",
              },
              {
                "content": "14:00",
                "tool_use_id": "toolu_01B",
                "type": "tool_result",
              },
              {
                "text": "Thanks",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "metadata": {
          "user_id": "user-42",
        },
        "model": "claude-sonnet-4-20250514",
        "stop_sequences": [
          "END",
        ],
        "system": [
          {
            "text": "You are terse.",
            "type": "text",
          },
          {
            "text": "Use metric units.",
            "type": "text",
          },
        ],
        "temperature": 0.2,
        "tool_choice": {
          "disable_parallel_tool_use": true,
          "type": "any",
        },
        "tools": [
          {
            "description": "Current weather",
            "input_schema": {
              "properties": {
                "city": {
                  "type": "string",
                },
              },
              "required": [
                "city",
              ],
              "type": "object",
            },
            "name": "get_weather",
          },
          {
            "input_schema": {
              "properties": {},
              "type": "object",
            },
            "name": "get_time",
          },
        ],
      }
    `);
  });

  it.each([
    ['no limit → LiteLLM default 4096', {}, {}, 4096],
    ['max_tokens', { max_tokens: 300 }, {}, 300],
    ['max_completion_tokens wins over max_tokens', { max_tokens: 300, max_completion_tokens: 50 }, {}, 50],
    ['deployment max_tokens is a default', {}, { max_tokens: 1000 }, 1000],
    ['the client overrides the deployment', { max_tokens: 20 }, { max_tokens: 1000 }, 20],
    ['fractions are rounded, minimum 1', { max_tokens: 0.2 }, {}, 1],
  ])('max_tokens: %s', (_name, extra, params, expected) => {
    const { body } = build({ ...hello, ...extra }, makeTarget({ params }));
    expect(body['max_tokens']).toBe(expected);
  });

  it.each([
    ['auto', 'auto', { type: 'auto' }],
    ['none', 'none', { type: 'none' }],
    ['required', 'required', { type: 'any' }],
    ['named function', { type: 'function', function: { name: 'get_weather' } }, { type: 'tool', name: 'get_weather' }],
  ])('tool_choice %s', (_name, choice, expected) => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
    const { body } = build({ ...hello, tools, tool_choice: choice });
    expect(body['tool_choice']).toEqual(expected);
  });

  it('merges consecutive same-role turns and trims a final assistant prefill', () => {
    const { body } = build({
      model: 'claude',
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: 'two' },
        { role: 'assistant', content: 'The answer is ' },
      ],
    });
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The answer is' }] },
    ]);
  });

  it('declares a placeholder tool when history has tool blocks but the request offers none', () => {
    const { body } = build({
      model: 'claude',
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 't1', content: 'sunny' },
      ],
    });
    expect((body['tools'] as { name: string }[]).map((tool) => tool.name)).toEqual(['dummy_tool']);
    expect(body['tool_choice']).toBeUndefined();
  });

  it('forces the json_tool_call tool for response_format json_schema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    const { body } = build({ ...hello, response_format: { type: 'json_schema', json_schema: { name: 'a', schema } } });
    expect(body['tools']).toEqual([{ name: 'json_tool_call', description: 'Respond with a JSON object.', input_schema: schema }]);
    expect(body['tool_choice']).toEqual({ type: 'tool', name: 'json_tool_call' });
  });

  it('turns reasoning_effort into a thinking budget', () => {
    expect(build({ ...hello, reasoning_effort: 'high' }).body['thinking']).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(build({ ...hello, reasoning_effort: 'none' }).body['thinking']).toBeUndefined();
  });

  it('merges extra_body into the provider body (provider-native fields)', () => {
    expect(build({ ...hello, extra_body: { top_k: 5, service_tier: 'auto' } }).body).toMatchObject({ top_k: 5, service_tier: 'auto' });
    expect(build(hello, makeTarget({ params: { extra_body: { top_k: 3 } } })).body['top_k']).toBe(3);
  });

  it('does not forward a user id that looks like an e-mail address', () => {
    expect(build({ ...hello, user: 'someone@example.com' }).body['metadata']).toBeUndefined();
  });

  it('streams with stream: true in the body and an SSE accept header', () => {
    const { request, body } = build(hello, makeTarget(), makeContext({ stream: true }));
    expect(body['stream']).toBe(true);
    expect(request.headers['accept']).toBe('text/event-stream');
  });

  it('sends a legacy completion prompt as one user message', () => {
    const request = anthropic.buildRequest('completion', { model: 'claude', prompt: 'Say hi' }, makeTarget(), makeContext());
    expect(JSON.parse(request.body ?? '{}')['messages']).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hi' }] }]);
  });
});

describe('anthropic unsupported parameters and bad input', () => {
  it('rejects an OpenAI parameter Anthropic lacks with a 400 UnsupportedParamsError', () => {
    const error = failureOf(() => build({ ...hello, logit_bias: { '50256': -100 }, frequency_penalty: 0.5 }));
    expect(error).toMatchObject({ status: 400, errorClass: 'UnsupportedParamsError', type: 'invalid_request_error', param: 'logit_bias', retryable: false });
    expect(error.message).toContain("anthropic does not support parameters: ['logit_bias', 'frequency_penalty']");
  });

  it('drops them when drop_params is configured, or sent with the request', () => {
    expect(build({ ...hello, logit_bias: { '1': 1 } }, makeTarget({ dropParams: true })).body['logit_bias']).toBeUndefined();
    expect(build({ ...hello, presence_penalty: 1, drop_params: true }).body).not.toHaveProperty('presence_penalty');
  });

  it('accepts n: 1 and null-valued parameters as "not set"', () => {
    expect(() => build({ ...hello, n: 1, logit_bias: null, seed: null })).not.toThrow();
    expect(failureOf(() => build({ ...hello, n: 2 })).param).toBe('n');
  });

  it('keeps whitespace-only stop sequences unless drop_params is on (LiteLLM)', () => {
    expect(build({ ...hello, stop: ['\n', 'END'] }).body['stop_sequences']).toEqual(['\n', 'END']);
    expect(build({ ...hello, stop: ['\n', 'END'] }, makeTarget({ dropParams: true })).body['stop_sequences']).toEqual(['END']);
  });

  it.each([
    ['tool-call arguments that are not JSON', { model: 'c', messages: [{ role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
    ['no messages', { model: 'c', messages: [] }, 'messages'],
    ['an unknown role', { model: 'c', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    ['an audio part', { model: 'c', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }] }, 'messages[0].content'],
  ])('answers %s with a 400 naming the field', (_name, body, param) => {
    expect(failureOf(() => build(body))).toMatchObject({ status: 400, param, errorClass: 'BadRequestError' });
  });

  it('refuses embeddings', () => {
    expect(failureOf(() => anthropic.buildRequest('embedding', { model: 'c', input: 'x' }, makeTarget(), makeContext())).status).toBe(400);
  });
});

describe('anthropic empty turns', () => {
  it('leaves out an assistant message with neither text nor tool calls, keeping alternation', () => {
    const { body } = build({
      model: 'claude',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'b' },
      ],
    });
    expect(body['messages']).toEqual([{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]);
  });
});
