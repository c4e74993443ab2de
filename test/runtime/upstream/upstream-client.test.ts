import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitOrigin, UpstreamClient } from '../../../runtime/upstream/upstream-client.ts';
import { transportError } from '../../../runtime/upstream/upstream-error.ts';
import { sendJson, startFakeUpstream, type FakeUpstream } from '../server/fake-upstream.ts';

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream();
});

afterAll(async () => {
  await fake.close();
});

describe('splitOrigin', () => {
  it('splits without normalising the path', () => {
    expect(splitOrigin('https://api.deepseek.com//chat/completions')).toEqual({ origin: 'https://api.deepseek.com', path: '//chat/completions' });
    expect(splitOrigin('http://h:8000/v1/x?api-version=1')).toEqual({ origin: 'http://h:8000', path: '/v1/x?api-version=1' });
    expect(splitOrigin('http://h:8000')).toEqual({ origin: 'http://h:8000', path: '/' });
    expect(splitOrigin('http://h?x=1')).toEqual({ origin: 'http://h', path: '/?x=1' });
  });
});

describe('UpstreamClient in simulate mode', () => {
  it('swaps only the origin, keeps path and query byte for byte, and names the original origin', async () => {
    fake.handle = (_request, response) => sendJson(response, 200, { ok: true });
    const client = new UpstreamClient({ simulatorOrigin: `${fake.url}/ignored-path` });
    const url = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&x=%2F';
    const response = await client.send({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' }, 5000, undefined);
    await response.body.text();
    expect(response.statusCode).toBe(200);
    const seen = fake.requests.at(-1)!;
    expect(seen.url).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&x=%2F');
    expect(seen.headers['x-litegate-simulated-origin']).toBe('https://generativelanguage.googleapis.com');
    await client.close();
  });
});

describe('UpstreamClient connections', () => {
  it('keeps connections alive: sequential calls to one origin reuse their sockets', async () => {
    const { createServer } = await import('node:http');
    let connections = 0;
    const server = createServer((_request, response) => sendJson(response, 200, { ok: true }));
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = new UpstreamClient();
    for (let i = 0; i < 20; i++) {
      const response = await client.send({ method: 'POST', url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: '{}' }, 5000, undefined);
      expect(await response.body.json()).toEqual({ ok: true });
    }
    // undici may open a second socket while the first is being released; never one per call.
    expect(connections).toBeLessThanOrEqual(2);
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('transportError', () => {
  it('maps undici timeouts to a retryable 408 and connection failures to a retryable 500', () => {
    expect(transportError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'openai', 30)).toMatchObject({ status: 408, errorClass: 'Timeout', retryable: true });
    expect(transportError(Object.assign(new Error('x'), { cause: { code: 'ECONNREFUSED' } }), 'groq', 30)).toMatchObject({ status: 500, errorClass: 'APIConnectionError', retryable: true, message: 'Connection error talking to groq (ECONNREFUSED)' });
  });
});
