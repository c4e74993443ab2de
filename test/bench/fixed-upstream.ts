/**
 * A minimal fixed-response OpenAI-compatible upstream for the benchmark: answers
 * `POST …/chat/completions` with one canned chat.completion (or, for `"stream": true`,
 * one canned SSE stream) as fast as node:http allows, so whatever a proxy adds on top
 * is the proxy's cost. Loopback only.
 *
 * Run as its own process (`node test/bench/fixed-upstream.ts [--port N]`), it prints
 * one JSON line `{"port":N}` on stdout once listening, so the benchmark's client and
 * the upstream do not share an event loop.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-listen.ts';
import { parseArgs } from 'node:util';

/** The canned non-streaming reply body (fixed ids and timestamps: every response is byte-identical). */
export const CANNED_COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench-0001',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  system_fingerprint: 'fp_bench',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello! This is a fixed response from the benchmark upstream.', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 19, completion_tokens: 12, total_tokens: 31 },
});

function chunk(delta: object, finishReason: string | null, usage?: object): string {
  const body: Record<string, unknown> = {
    id: 'chatcmpl-bench-0001',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (usage) body.usage = usage;
  return `data: ${JSON.stringify(body)}\n\n`;
}

const TOKENS = ['Hello', '!', ' This', ' is', ' a', ' fixed', ' stream', ' from', ' the', ' benchmark', ' upstream', '.'];

/** The first SSE event of the canned stream: the role and the first token (what "first token" means in TTFT). */
export const CANNED_STREAM_FIRST = chunk({ role: 'assistant', content: TOKENS[0], refusal: null }, null);

/** The rest of the canned stream: the remaining tokens, the finish chunk and `data: [DONE]`. */
export const CANNED_STREAM_REST =
  TOKENS.slice(1)
    .map((token) => chunk({ content: token }, null))
    .join('') +
  chunk({}, 'stop') +
  'data: [DONE]\n\n';

/** Options for {@link createFixedUpstream}. */
export interface FixedUpstreamOptions {
  /**
   * Milliseconds between the first SSE event and the rest of the stream. A gap makes a proxy
   * that buffers whole streams visible as a time-to-first-token near the full stream time.
   */
  readonly streamGapMs?: number;
}

/** Creates (does not start) the fixed upstream server. */
export function createFixedUpstream(options: FixedUpstreamOptions = {}): Server {
  const gapMs = options.streamGapMs ?? 1;
  const completion = Buffer.from(CANNED_COMPLETION);
  const first = Buffer.from(CANNED_STREAM_FIRST);
  const rest = Buffer.from(CANNED_STREAM_REST);

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && (request.url === '/v1/models' || request.url === '/models')) {
      // Lets readiness probes and pass-through health checks succeed without a POST.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":0,"owned_by":"bench"}]}');
      return;
    }
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}');
      return;
    }
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { stream?: unknown }).stream === true;
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end('{"error":{"message":"invalid JSON body","type":"invalid_request_error","param":null,"code":null}}');
        return;
      }
      if (!stream) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': completion.length });
        response.end(completion);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(first);
      if (gapMs > 0) setTimeout(() => response.end(rest), gapMs);
      else response.end(rest);
    });
  });
  // Benchmark clients keep connections open for the whole run; don't let the default
  // 5 s keep-alive timeout close them between alternating rounds.
  server.keepAliveTimeout = 60_000;
  return server;
}

/** Starts the fixed upstream on 127.0.0.1 and resolves with the bound port. */
export async function startFixedUpstream(port = 0, options: FixedUpstreamOptions = {}): Promise<{ server: Server; port: number }> {
  const server = createFixedUpstream(options);
  return { server, port: await listenOnLoopback(server, port) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'stream-gap-ms': { type: 'string', default: '1' } } });
  const { port } = await startFixedUpstream(Number(values.port), { streamGapMs: Number(values['stream-gap-ms']) });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  // Exit normally on a signal, so `node --cpu-prof` can write its profile.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
}
