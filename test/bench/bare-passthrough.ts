/**
 * The bare pass-through: the floor any Node proxy pays. node:http in front, one undici
 * Pool behind; it parses the request JSON once (as any proxy must, to read `model` and
 * `stream`), rewrites `model` to the upstream model, forwards, and streams the reply's
 * bytes back unchanged. No auth, no routing, no accounting: the benchmark's table shows
 * what litegate's features cost on top of this.
 *
 * Run as its own process: `node test/bench/bare-passthrough.ts --upstream http://127.0.0.1:N/v1
 * [--port N]`; prints `{"port":N}` on stdout once listening.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { listenOnLoopback } from './loopback-listen.ts';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

/** Options for {@link createBarePassthrough}. */
export interface BarePassthroughOptions {
  /** Upstream base URL as an OpenAI `api_base` (e.g. `http://127.0.0.1:9000/v1`); `/chat/completions` is appended. */
  readonly upstreamBase: string;
  /** Model id sent upstream in place of the client's. */
  readonly upstreamModel?: string;
  /** Bearer key sent upstream. */
  readonly upstreamKey?: string;
}

/** Creates (does not start) the pass-through server; `close()` on it also closes the upstream pool. */
export function createBarePassthrough(options: BarePassthroughOptions): Server {
  const base = new URL(options.upstreamBase);
  const path = `${base.pathname.replace(/\/$/, '')}/chat/completions`;
  const pool = new Pool(base.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
  const upstreamModel = options.upstreamModel ?? 'gpt-4o-mini';
  const upstreamHeaders = {
    'content-type': 'application/json',
    authorization: `Bearer ${options.upstreamKey ?? 'sk-bench-upstream'}`,
  };

  function fail(response: ServerResponse, status: number, message: string): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body = JSON.stringify({ error: { message, type: status === 400 ? 'invalid_request_error' : 'api_error', param: null, code: null } });
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }

  async function forward(requestBody: Buffer, response: ServerResponse): Promise<void> {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(requestBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      fail(response, 400, 'invalid JSON body');
      return;
    }
    payload.model = upstreamModel;
    const upstream = await pool.request({ method: 'POST', path, headers: upstreamHeaders, body: JSON.stringify(payload) });
    const headers: Record<string, string> = {};
    const contentType = upstream.headers['content-type'];
    if (typeof contentType === 'string') headers['content-type'] = contentType;
    const contentLength = upstream.headers['content-length'];
    if (typeof contentLength === 'string') headers['content-length'] = contentLength;
    response.writeHead(upstream.statusCode, headers);
    // Bytes straight through, chunk by chunk: SSE events reach the client as they arrive.
    for await (const part of upstream.body) {
      if (!response.write(part)) await once(response, 'drain');
    }
    response.end();
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      request.resume();
      fail(response, 404, 'not found');
      return;
    }
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      forward(Buffer.concat(parts), response).catch((error: unknown) => {
        fail(response, 502, `upstream error: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('close', () => void pool.close());
  return server;
}

/** Starts the pass-through on 127.0.0.1 and resolves with the bound port. */
export async function startBarePassthrough(options: BarePassthroughOptions, port = 0): Promise<{ server: Server; port: number }> {
  const server = createBarePassthrough(options);
  return { server, port: await listenOnLoopback(server, port) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, upstream: { type: 'string' } } });
  if (!values.upstream) {
    process.stderr.write('bare-passthrough: --upstream <api_base> is required\n');
    process.exit(2);
  }
  const { port } = await startBarePassthrough({ upstreamBase: values.upstream }, Number(values.port));
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  // Exit normally on a signal, so `node --cpu-prof` can write its profile.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
}
