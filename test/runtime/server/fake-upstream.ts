/**
 * A scriptable OpenAI-shaped upstream for the proxy's own tests: each test sets `handle`
 * to answer (JSON, SSE, errors, hangs, dropped sockets); every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

export interface FakeUpstream {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Resolves when an upstream request's connection closed (set per request). */
  closed: Promise<void>;
  handle: (request: RecordedRequest, response: ServerResponse) => void;
  close(): Promise<void>;
}

export function chatCompletion(content = 'hello', usage = { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage,
  };
}

export function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

export function sse(value: unknown): string {
  return `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  let resolveClosed: () => void = () => {};
  const fake: FakeUpstream = {
    url: '',
    requests: [],
    closed: Promise.resolve(),
    handle: (_request, response) => sendJson(response, 200, chatCompletion()),
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (c: Buffer) => (text += c.toString()));
    request.on('end', () => {
      fake.closed = new Promise((resolve) => (resolveClosed = resolve));
      response.on('close', () => resolveClosed());
      const recorded: RecordedRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      fake.requests.push(recorded);
      fake.handle(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
