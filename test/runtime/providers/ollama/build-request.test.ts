import { describe, expect, it } from 'vitest';
import ollama from '../../../../runtime/providers/ollama/adapter.ts';
import ollamaChat from '../../../../runtime/providers/ollama_chat/adapter.ts';
import { ollamaUrl } from '../../../../runtime/providers/ollama/urls.ts';
import { failureOf, makeContext, makeTarget } from '../shared/adapter-fixtures.ts';

const generateTarget = (overrides = {}) => makeTarget({ provider: 'ollama', model: 'llama3', apiBase: 'http://localhost:11434', apiKey: undefined, ...overrides });
const chatTarget = (overrides = {}) => makeTarget({ provider: 'ollama_chat', model: 'llama3.1', apiBase: 'http://localhost:11434', apiKey: undefined, ...overrides });

function bodyOf(request: { body?: string }): Record<string, unknown> {
  return JSON.parse(request.body ?? '{}') as Record<string, unknown>;
}

describe('ollama URL composition (as LiteLLM)', () => {
  it.each([
    ['no base → localhost', undefined, '/api/generate', 'http://localhost:11434/api/generate'],
    ['chat endpoint', 'http://gpu-box:11434', '/api/chat', 'http://gpu-box:11434/api/chat'],
    ['trailing slash kept', 'http://gpu-box:11434/', '/api/chat', 'http://gpu-box:11434//api/chat'],
    ['base already ending with the endpoint', 'http://gpu-box:11434/api/generate', '/api/generate', 'http://gpu-box:11434/api/generate'],
    ['embeddings', 'http://gpu-box:11434', '/api/embed', 'http://gpu-box:11434/api/embed'],
  ] as const)('%s', (_name, base, endpoint, url) => {
    expect(ollamaUrl(base, endpoint)).toBe(url);
  });
});

describe('ollama (/api/generate) buildRequest', () => {
  it('flattens the conversation into one prompt and maps options, NDJSON framing, no auth', () => {
    const request = ollama.buildRequest('chat', {
      model: 'local',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } }] },
        { role: 'assistant', content: 'A cat.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'zoom', arguments: '{"x":1}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'zoomed' },
        { role: 'user', content: 'And now?' },
      ],
      max_tokens: 64,
      temperature: 0.3,
      stop: ['###'],
      seed: 7,
      response_format: { type: 'json_object' },
    }, generateTarget({ params: { num_ctx: 8192 } }), makeContext({ stream: true }));
    expect(request.url).toBe('http://localhost:11434/api/generate');
    expect(request.streamFraming).toBe('ndjson');
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
    expect(bodyOf(request)).toMatchInlineSnapshot(`
      {
        "format": "json",
        "images": [
          "iVBOR",
        ],
        "model": "llama3",
        "options": {
          "num_ctx": 8192,
          "num_predict": 64,
          "seed": 7,
          "stop": [
            "###",
          ],
          "temperature": 0.3,
        },
        "prompt": "### System:
      Be brief.

      ### User:
      What is in this image?

      ### Assistant:
      A cat.Tool Calls: [
        {
          "id": "c1",
          "type": "function",
          "function": {
            "name": "zoom",
            "arguments": {
              "x": 1
            }
          }
        }
      ]

      ### User:
      zoomedAnd now?

      ",
        "stream": true,
      }
    `);
  });

  it('sends a Bearer token only when a key is configured', () => {
    const request = ollama.buildRequest('chat', { model: 'l', messages: [{ role: 'user', content: 'hi' }] }, generateTarget({ apiKey: 'ollama-secret' }), makeContext());
    expect(request.headers['authorization']).toBe('Bearer ollama-secret');
    expect(bodyOf(request)['stream']).toBe(false);
  });

  it('sends a legacy completion prompt unchanged', () => {
    const request = ollama.buildRequest('completion', { model: 'l', prompt: 'Once upon a time' }, generateTarget(), makeContext());
    expect(bodyOf(request)).toMatchObject({ prompt: 'Once upon a time', options: {} });
  });

  it('rejects tools, which /api/generate cannot take, unless dropping', () => {
    const body = { model: 'l', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'f' } }] };
    expect(failureOf(() => ollama.buildRequest('chat', body, generateTarget(), makeContext()))).toMatchObject({ status: 400, errorClass: 'UnsupportedParamsError', param: 'tools' });
    expect(bodyOf(ollama.buildRequest('chat', body, generateTarget({ dropParams: true }), makeContext()))).not.toHaveProperty('tools');
  });

  it('asks for remote images to be inlined (Ollama takes base64 only)', () => {
    const body = { model: 'l', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] };
    expect(failureOf(() => ollama.buildRequest('chat', body, generateTarget(), makeContext())).status).toBe(400);
  });

  it('builds /api/embed without any auth header', () => {
    const request = ollama.buildRequest('embedding', { model: 'e', input: 'hello' }, generateTarget({ model: 'nomic-embed-text', apiKey: 'k' }), makeContext());
    expect(request.url).toBe('http://localhost:11434/api/embed');
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
    expect(bodyOf(request)).toEqual({ model: 'nomic-embed-text', input: ['hello'] });
  });
});

describe('ollama_chat (/api/chat) buildRequest', () => {
  it('keeps roles, passes tools through, sends tool-call arguments as objects and drops tool_choice', () => {
    const request = ollamaChat.buildRequest('chat', {
      model: 'local',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Look:' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'auto',
      frequency_penalty: 0.5,
      reasoning_effort: 'low',
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' } } },
    }, chatTarget({ apiKey: 'k', params: { keep_alive: '5m' } }), makeContext());
    expect(request.url).toBe('http://localhost:11434/api/chat');
    expect(request.headers['authorization']).toBe('Bearer k');
    expect(bodyOf(request)).toMatchInlineSnapshot(`
      {
        "format": {
          "type": "object",
        },
        "keep_alive": "5m",
        "messages": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": "Look:",
            "images": [
              "/9j/",
            ],
            "role": "user",
          },
          {
            "content": "",
            "role": "assistant",
            "tool_calls": [
              {
                "function": {
                  "arguments": {
                    "city": "Paris",
                  },
                  "name": "get_weather",
                },
              },
            ],
          },
          {
            "content": "sunny",
            "role": "tool",
            "tool_name": "get_weather",
          },
        ],
        "model": "llama3.1",
        "options": {
          "frequency_penalty": 0.5,
        },
        "stream": false,
        "think": true,
        "tools": [
          {
            "function": {
              "name": "get_weather",
              "parameters": {
                "properties": {
                  "city": {
                    "type": "string",
                  },
                },
                "type": "object",
              },
            },
            "type": "function",
          },
        ],
      }
    `);
  });

  it('refuses embeddings (LiteLLM routes only ollama/ embeddings)', () => {
    expect(failureOf(() => ollamaChat.buildRequest('embedding', { model: 'e', input: 'x' }, chatTarget(), makeContext())).status).toBe(400);
  });

  it('rejects parameters Ollama lacks with LiteLLM\'s message', () => {
    const error = failureOf(() => ollamaChat.buildRequest('chat', { model: 'l', messages: [{ role: 'user', content: 'x' }], logprobs: true }, chatTarget(), makeContext()));
    expect(error.message).toContain("ollama_chat does not support parameters: ['logprobs'], for model=llama3.1");
  });
});
