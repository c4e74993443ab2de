import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startBarePassthrough } from './bare-passthrough.ts';

interface Seen {
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let upstream: Server;
let proxy: Server;
let proxyUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  // A recording upstream: JSON echo for plain requests, two SSE events for streams.
  upstream = createServer((incoming, response) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      seen.push({ url: incoming.url, headers: incoming.headers, body });
      if ((JSON.parse(body) as { stream?: boolean }).stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: {"n":1}\n\n');
        setTimeout(() => response.end('data: [DONE]\n\n'), 20);
        return;
      }
      response.writeHead(429, { 'content-type': 'application/json', 'x-other': 'dropped' });
      response.end(JSON.stringify({ echoed: JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  const started = await startBarePassthrough({ upstreamBase: `http://127.0.0.1:${upstreamPort}/v1/`, upstreamModel: 'gpt-up', upstreamKey: 'sk-up' });
  proxy = started.server;
  proxyUrl = `http://127.0.0.1:${started.port}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

describe('bare pass-through', () => {
  it('forwards the parsed body with the upstream model and key to <api_base>/chat/completions', async () => {
    const response = await request(`${proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
      body: JSON.stringify({ model: 'client-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const last = seen.at(-1) as Seen;
    expect(last.url).toBe('/v1/chat/completions');
    expect(last.headers.authorization).toBe('Bearer sk-up');
    expect(JSON.parse(last.body)).toEqual({ model: 'gpt-up', messages: [{ role: 'user', content: 'hi' }] });
    // Status, content type and body come back unchanged; other upstream headers do not.
    expect(response.statusCode).toBe(429);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-other']).toBeUndefined();
    expect(await response.body.json()).toEqual({ echoed: { model: 'gpt-up', messages: [{ role: 'user', content: 'hi' }] } });
  });

  it('passes a stream through event by event, before the upstream has finished', async () => {
    const response = await request(`${proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [] }),
    });
    expect(response.headers['content-type']).toBe('text/event-stream');
    const chunks: string[] = [];
    for await (const part of response.body) chunks.push(part.toString());
    // The upstream waits 20 ms between its two events, so they cannot share one chunk
    // unless the pass-through buffered the stream.
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.join('')).toBe('data: {"n":1}\n\ndata: [DONE]\n\n');
  });

  it('answers invalid JSON with an OpenAI-style 400 and forwards nothing', async () => {
    const before = seen.length;
    const response = await request(`${proxyUrl}/v1/chat/completions`, { method: 'POST', body: '{not json' });
    expect(response.statusCode).toBe(400);
    expect(((await response.body.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(seen.length).toBe(before);
  });

  it('answers 404 for other paths', async () => {
    const response = await request(`${proxyUrl}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(response.statusCode).toBe(404);
    await response.body.dump();
  });

  it('answers 502 when the upstream is unreachable', async () => {
    const { server, port } = await startBarePassthrough({ upstreamBase: 'http://127.0.0.1:1/v1' });
    try {
      const response = await request(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: '{"model":"m"}' });
      expect(response.statusCode).toBe(502);
      await response.body.dump();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
