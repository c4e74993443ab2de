import { describe, expect, it } from 'vitest';
import gemini, { geminiUrl } from '../../../../runtime/providers/gemini/adapter.ts';
import { failureOf, makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

const DEFAULT = 'https://generativelanguage.googleapis.com/v1beta';
const target = (overrides = {}) => makeTarget({ provider: 'gemini', model: 'gemini-2.5-flash', apiBase: DEFAULT, apiKey: 'AIza-test', ...overrides });

function build(body: Record<string, unknown>, options: { target?: ReturnType<typeof target>; stream?: boolean } = {}) {
  const request = gemini.buildRequest('chat', body, options.target ?? target(), makeContext({ stream: options.stream ?? false }));
  return { request, body: JSON.parse(request.body ?? '{}') as Record<string, unknown> };
}

const hello = { model: 'gem', messages: [{ role: 'user', content: 'Hi' }] };

describe('gemini URL composition (as LiteLLM)', () => {
  it.each([
    ['default base, chat', DEFAULT, 'generateContent', `${DEFAULT}/models/gemini-2.5-flash:generateContent`],
    ['default base, stream', DEFAULT, 'streamGenerateContent', `${DEFAULT}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`],
    ['default base, embeddings', DEFAULT, 'batchEmbedContents', `${DEFAULT}/models/gemini-2.5-flash:batchEmbedContents`],
    ['no base at all', undefined, 'generateContent', `${DEFAULT}/models/gemini-2.5-flash:generateContent`],
    ['api_base is used as is, model not added', 'http://127.0.0.1:9000/v1beta/models/gemini-2.5-flash', 'generateContent', 'http://127.0.0.1:9000/v1beta/models/gemini-2.5-flash:generateContent'],
    ['api_base stream', 'https://proxy.example/gemini', 'streamGenerateContent', 'https://proxy.example/gemini:streamGenerateContent?alt=sse'],
  ] as const)('%s', (_name, base, method, url) => {
    expect(geminiUrl(base, 'gemini-2.5-flash', method)).toBe(url);
  });
});

describe('gemini buildRequest', () => {
  it('puts the key in x-goog-api-key, never in the URL', () => {
    const { request } = build(hello);
    expect(request.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': 'AIza-test' });
    expect(request.url).not.toContain('key=');
    expect(build(hello, { stream: true }).request.url).toBe(`${DEFAULT}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
  });

  it('translates system, images, tool calls and tool results', () => {
    const { body } = build({
      model: 'gem',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [
          { type: 'text', text: "What's the weather in Paris? Here is a photo." },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          { type: 'image_url', image_url: { url: 'gs://bucket/photo.jpg' } },
        ] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1__thought__c2ln', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1__thought__c2ln', content: '18C, cloudy' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false,
        properties: { city: { $ref: '#/$defs/City' } }, required: ['city'], $defs: { City: { type: 'string', description: 'city name' } },
      } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      temperature: 1,
      top_p: 0.95,
      max_tokens: 1024,
      stop: 'END',
      seed: 42,
      response_format: { type: 'json_object' },
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "contents": [
          {
            "parts": [
              {
                "text": "What's the weather in Paris? Here is a photo.",
              },
              {
                "inlineData": {
                  "data": "iVBOR",
                  "mimeType": "image/png",
                },
              },
              {
                "fileData": {
                  "fileUri": "gs://bucket/photo.jpg",
                  "mimeType": "image/jpeg",
                },
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "functionCall": {
                  "args": {
                    "city": "Paris",
                  },
                  "name": "get_weather",
                },
                "thoughtSignature": "c2ln",
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "functionResponse": {
                  "name": "get_weather",
                  "response": {
                    "content": "18C, cloudy",
                  },
                },
              },
            ],
            "role": "user",
          },
        ],
        "generationConfig": {
          "maxOutputTokens": 1024,
          "responseMimeType": "application/json",
          "seed": 42,
          "stopSequences": [
            "END",
          ],
          "temperature": 1,
          "topP": 0.95,
        },
        "systemInstruction": {
          "parts": [
            {
              "text": "You are terse.",
            },
          ],
        },
        "toolConfig": {
          "functionCallingConfig": {
            "allowedFunctionNames": [
              "get_weather",
            ],
            "mode": "ANY",
          },
        },
        "tools": [
          {
            "functionDeclarations": [
              {
                "description": "Current weather",
                "name": "get_weather",
                "parameters": {
                  "properties": {
                    "city": {
                      "description": "city name",
                      "type": "string",
                    },
                  },
                  "required": [
                    "city",
                  ],
                  "type": "object",
                },
              },
            ],
          },
        ],
      }
    `);
  });

  it.each([
    ['none', 'NONE'],
    ['auto', 'AUTO'],
    ['required', 'ANY'],
  ])('tool_choice %s → mode %s', (choice, mode) => {
    expect(build({ ...hello, tool_choice: choice }).body['toolConfig']).toEqual({ functionCallingConfig: { mode } });
  });

  it('adds a minimal user turn when only system messages are given', () => {
    const { body } = build({ model: 'gem', messages: [{ role: 'system', content: 'Be brief.' }] });
    expect(body['contents']).toEqual([{ role: 'user', parts: [{ text: '.' }] }]);
  });

  it('merges consecutive turns of one role and adds text to an image-only turn', () => {
    const { body } = build({
      model: 'gem',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAA' } }] },
      ],
    });
    expect(body['contents']).toEqual([{ role: 'user', parts: [{ text: 'a' }, { inlineData: { mimeType: 'image/jpeg', data: 'AAA' } }, { text: ' ' }] }]);
  });

  it('maps response_format json_schema to a cleaned responseSchema', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false, strict: true };
    const config = build({ ...hello, response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }).body['generationConfig'];
    expect(config).toEqual({ responseMimeType: 'application/json', responseSchema: { type: 'object', properties: { a: { type: 'integer' } } } });
  });

  it('maps n, penalties, logprobs and reasoning_effort into generationConfig', () => {
    const config = build({ ...hello, n: 2, presence_penalty: 0.1, frequency_penalty: 0.2, logprobs: true, top_logprobs: 3, reasoning_effort: 'low' }).body['generationConfig'];
    expect(config).toEqual({
      candidateCount: 2, presencePenalty: 0.1, frequencyPenalty: 0.2, responseLogprobs: true, logprobs: 3,
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    const gemini3 = build({ ...hello, reasoning_effort: 'high' }, { target: target({ model: 'gemini-3-pro-preview' }) }).body['generationConfig'];
    expect(gemini3).toEqual({ thinkingConfig: { thinkingLevel: 'high', includeThoughts: true } });
  });

  it('refuses parallel_tool_calls: false with several tools unless drop_params', () => {
    const tools = [{ type: 'function', function: { name: 'a' } }, { type: 'function', function: { name: 'b' } }];
    expect(failureOf(() => build({ ...hello, tools, parallel_tool_calls: false }))).toMatchObject({ status: 400, errorClass: 'UnsupportedParamsError', param: 'parallel_tool_calls' });
    expect(() => build({ ...hello, tools, parallel_tool_calls: false }, { target: target({ dropParams: true }) })).not.toThrow();
  });

  it('rejects logit_bias unless dropping', () => {
    expect(failureOf(() => build({ ...hello, logit_bias: { '1': 2 } })).message).toContain("gemini does not support parameters: ['logit_bias']");
    expect(build({ ...hello, logit_bias: { '1': 2 } }, { target: target({ dropParams: true }) }).body).not.toHaveProperty('logit_bias');
  });

  it.each([
    ['a tool result whose call is unknown', { model: 'g', messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] }, 'messages[0].tool_call_id'],
    ['an image URL of unknown type (the adapter cannot download it)', { model: 'g', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/image' } }] }] }, 'messages[0].content'],
  ])('answers %s with a 400', (_name, body, param) => {
    expect(failureOf(() => build(body))).toMatchObject({ status: 400, param });
  });

  it('builds batchEmbedContents for embeddings', () => {
    const request = gemini.buildRequest('embedding', { model: 'emb', input: ['a', 'b'], dimensions: 8 }, target({ model: 'text-embedding-004' }), makeContext());
    expect(request.url).toBe(`${DEFAULT}/models/text-embedding-004:batchEmbedContents`);
    expect(JSON.parse(request.body ?? '')).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 8 },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 8 },
      ],
    });
    expect(failureOf(() => gemini.buildRequest('embedding', { model: 'e', input: [[1, 2]] }, target(), makeContext())).param).toBe('input');
  });
});
