/**
 * The runtime's only HTTP client: one undici Agent, which keeps a keep-alive Pool per
 * upstream origin. Timeouts follow httpx's (and so LiteLLM's) meaning: the limit applies
 * to waiting for the response headers and to every gap between body chunks, not to the
 * whole transfer, so a long stream that keeps producing never times out.
 */
import type { Agent as AgentType, Dispatcher } from 'undici';
// undici's Agent and its request() by module path, not undici's index: the index also loads
// fetch, WebSocket, EventSource, the HTTP cache and the mock agent, which the proxy never
// uses, for 5–10 MB of resident memory in every proxy process (npm run bench; an empty Node
// process: 58 MB after these two modules, 69 MB after the index). Types: undici-modules.d.ts.
import Agent from 'undici/lib/dispatcher/agent.js';
import undiciRequest from 'undici/lib/api/api-request.js';
import type { UpstreamRequest } from '../providers/adapter.ts';
import { BufferedResponseHandler, type BufferedResponse } from './buffered-response.ts';

/** Options for the shared agent. */
export interface UpstreamClientOptions {
  /** Max sockets per origin (default 128). */
  readonly connectionsPerOrigin?: number;
  /** How long an idle keep-alive socket is kept (ms, default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  /**
   * `serve --simulate`: send every request to this origin instead, keeping path and query
   * exactly, and name the original origin in `x-litegate-simulated-origin`.
   */
  readonly simulatorOrigin?: string;
}

/** Header carrying the origin a simulated request was meant for. */
export const simulatedOriginHeader = 'x-litegate-simulated-origin';

/** What an upstream call returned (status, headers, body stream). */
export type UpstreamResponse = Dispatcher.ResponseData;

/** Splits `scheme://host[:port]/path?query` without allocating a URL object. */
export function splitOrigin(url: string): { origin: string; path: string } {
  const schemeEnd = url.indexOf('://');
  const pathStart = url.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 3);
  if (pathStart === -1) {
    const queryStart = url.indexOf('?', schemeEnd + 3);
    return queryStart === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, queryStart), path: `/${url.slice(queryStart)}` };
  }
  return { origin: url.slice(0, pathStart), path: url.slice(pathStart) };
}

/** Sends upstream requests through per-origin keep-alive pools. */
export class UpstreamClient {
  readonly #agent: AgentType;
  readonly #simulatorOrigin: string | undefined;

  constructor(options: UpstreamClientOptions = {}) {
    this.#simulatorOrigin = options.simulatorOrigin === undefined ? undefined : splitOrigin(options.simulatorOrigin).origin;
    this.#agent = new Agent({
      connections: options.connectionsPerOrigin ?? 128,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      keepAliveMaxTimeout: 600_000,
      // Upstream bodies are passed through as they come; never pipeline LLM calls.
      pipelining: 1,
    });
  }

  /**
   * Sends one request. `timeoutMs` bounds the wait for headers and each body gap; `signal`
   * aborts it (the client went away). Rejects with undici's errors (codes UND_ERR_*).
   */
  send(request: UpstreamRequest, timeoutMs: number, signal: AbortSignal | undefined): Promise<UpstreamResponse> {
    const { origin, path } = splitOrigin(request.url);
    const simulated = this.#simulatorOrigin;
    return undiciRequest.call(this.#agent, {
      origin: simulated ?? origin,
      path,
      method: request.method,
      headers: simulated === undefined ? request.headers : { ...request.headers, [simulatedOriginHeader]: origin },
      body: request.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /**
   * Sends one request and collects the whole reply (non-streaming calls): the same
   * timeouts, abort and errors as {@link send}, without a body stream per call.
   */
  sendBuffered(request: UpstreamRequest, timeoutMs: number, signal: AbortSignal | undefined): Promise<BufferedResponse> {
    const { origin, path } = splitOrigin(request.url);
    const simulated = this.#simulatorOrigin;
    const handler = new BufferedResponseHandler(signal);
    this.#agent.dispatch(
      {
        origin: simulated ?? origin,
        path,
        method: request.method,
        headers: simulated === undefined ? request.headers : { ...request.headers, [simulatedOriginHeader]: origin },
        body: request.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      handler,
    );
    return handler.promise;
  }

  /** Closes every pooled connection. */
  async close(): Promise<void> {
    await this.#agent.close();
  }
}
