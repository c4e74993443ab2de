import { describe, expect, it } from 'vitest';
import { embeddingsAsBase64 } from '../../../runtime/server/embeddings-as-base64.ts';
import { usageFromRaw, usageFromTail } from '../../../runtime/server/read-usage.ts';
import { outputBlocked, withoutKey } from '../../../runtime/server/upstream-failures.ts';

describe('embeddingsAsBase64', () => {
  it('encodes float arrays as base64 little-endian float32, as the openai SDK decodes them', () => {
    const encoded = embeddingsAsBase64({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.5, -1.25, 3] }] }) as { data: { embedding: string }[] };
    const bytes = Buffer.from(encoded.data[0]!.embedding, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4), bytes.readFloatLE(8)]).toEqual([0.5, -1.25, 3]);
  });

  it('leaves already-encoded responses alone', () => {
    const value = { data: [{ embedding: 'AAAAPw==' }] };
    expect(embeddingsAsBase64(value)).toBe(value);
  });
});

describe('usageFromTail', () => {
  it('reads the include_usage chunk before [DONE]', () => {
    const tail = 'data: {"choices":[{"delta":{}}]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}\n\ndata: [DONE]\n\n';
    expect(usageFromTail(tail)).toEqual({ prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
    expect(usageFromTail('data: {"choices":[]}\n\ndata: [DONE]\n\n')).toBeUndefined();
  });
});

describe('usageFromRaw', () => {
  it('reads the usage object from response bytes, nested details and braces in strings included', () => {
    const body = { id: 'x', choices: [{ message: { content: 'a "usage": {fake} }' } }], usage: { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 } } };
    expect(usageFromRaw(Buffer.from(`\n\n${JSON.stringify(body, null, 2)}`))).toEqual({ prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 });
  });

  it('is undefined for null, absent or cut-off usage', () => {
    expect(usageFromRaw(Buffer.from('{"usage":null}'))).toBeUndefined();
    expect(usageFromRaw(Buffer.from('{"id":"x"}'))).toBeUndefined();
    expect(usageFromRaw(Buffer.from('{"usage":{"prompt_tokens":1'))).toBeUndefined();
  });
});

describe('upstream failure helpers', () => {
  it('masks a quoted provider key, and only long enough keys', () => {
    const error = { status: 401, message: 'bad key sk-abc123', type: 't', code: null, param: null, errorClass: 'AuthenticationError', retryable: false };
    expect(withoutKey(error, 'sk-abc123').message).toBe('bad key ***');
    expect(withoutKey(error, 'k')).toBe(error);
  });

  it('treats no choices or a content_filter finish as blocked output', () => {
    expect(outputBlocked({ choices: [] })).toBe(true);
    expect(outputBlocked({ choices: [{ finish_reason: 'content_filter' }] })).toBe(true);
    expect(outputBlocked({ choices: [{ finish_reason: 'stop' }] })).toBe(false);
  });
});
