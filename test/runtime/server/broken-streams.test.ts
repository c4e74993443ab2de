/**
 * Streams whose connection breaks, with the bytes placed exactly on the wire: a raw TCP
 * upstream writes the whole HTTP response — headers, some events, no terminator — in one
 * write and then drops the connection, so the events and the failure reach the proxy in the
 * same read. Regression for the handover note on `truncate` faults (issue 4): once events
 * arrived the stream belongs to the client (200, the events, an error event, no [DONE], no
 * retry); only a stream that broke before its first byte is retried.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../../../runtime/server/start-proxy.ts';
import { startProxyFromYaml } from './start-proxy-from-yaml.ts';

const event = (model: string, content: string) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const chunked = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const head = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n';

let upstream: Server;
let proxy: RunningProxy;
const calls: string[] = [];

/** Answers by the requested upstream model: `cut` sends three events then drops, `mute` only the headers, `whole` a full stream. */
function answer(socket: Socket, model: string): void {
  calls.push(model);
  if (model === 'cut') socket.end(head + chunked(event(model, 'a')) + chunked(event(model, 'b')) + chunked(event(model, 'c')));
  else if (model === 'mute') socket.end(head);
  else socket.end(head + chunked(event(model, 'ok')) + chunked('data: [DONE]\n\n') + '0\r\n\r\n');
}

beforeAll(async () => {
  upstream = createServer((socket) => {
    let request = '';
    socket.on('data', (data: Buffer) => {
      request += data.toString('utf8');
      const bodyStart = request.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(request)?.[1] ?? -1);
      if (bodyStart === -1 || Buffer.byteLength(request.slice(bodyStart + 4)) < length) return;
      answer(socket, (JSON.parse(request.slice(bodyStart + 4)) as { model: string }).model);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/v1`;
  const config = `
model_list:
  - {model_name: cut, litellm_params: {model: openai/cut, api_key: k, api_base: "${base}"}}
  - {model_name: flaky, litellm_params: {model: openai/mute, api_key: k, api_base: "${base}"}, model_info: {id: mute}}
  - {model_name: flaky, litellm_params: {model: openai/whole, api_key: k, api_base: "${base}"}, model_info: {id: whole}}
router_settings: {num_retries: 2, routing_strategy: simple-shuffle}
`;
  proxy = await startProxyFromYaml(config);
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const stream = (model: string) =>
  fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'x' }] }) });

describe('a stream that breaks upstream', () => {
  it('after its first events (in the same read as the break): 200, the events, one error event, no [DONE], no retry', async () => {
    calls.length = 0;
    const response = await stream('cut');
    expect(response.status).toBe(200);
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.slice(0, 3).map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content)).toEqual(['a', 'b', 'c']);
    expect(events).toHaveLength(4);
    expect(JSON.parse(events[3]!.slice(6))).toMatchObject({ error: { code: '500' } });
    expect(response.headers.get('x-litellm-attempted-retries')).toBe('0');
    expect(calls).toEqual(['cut']);
  });

  it('before its first byte: retried on another deployment, and the client never sees the break', async () => {
    for (let i = 0; i < 4; i++) {
      calls.length = 0;
      const response = await stream('flaky');
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('"content":"ok"');
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      // Every try of the silent deployment was followed by one of the healthy one.
      expect(calls.at(-1)).toBe('whole');
      expect(Number(response.headers.get('x-litellm-attempted-retries'))).toBe(calls.length - 1);
    }
  });
});
