/**
 * The hot path: POST chat/completions, completions and embeddings. One JSON parse of the
 * request, a frozen-plan lookup, the router picks deployments and calls `attempt` for each
 * try; the winning response goes to the client as bytes (OpenAI-shaped providers) or as
 * translated chunks, with LiteLLM's `x-litellm-*` headers.
 *
 * Stream rule: the router may retry until the first upstream bytes arrive; after the first
 * byte reaches the client, an upstream failure becomes one SSE error event followed by the
 * end of the stream (never a hang, never `[DONE]` on a broken stream).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { AdapterTarget, NormalizedError, Operation, ProviderAdapter, RequestContext, StreamTranslator, UpstreamRequest, Usage } from '../providers/adapter.ts';
import { NdjsonDecoder } from '../providers/shared/ndjson-decoder.ts';
import { SseDecoder } from '../providers/shared/sse-decoder.ts';
import { UpstreamFailure, type AttemptInfo, type RouteOutcome } from '../router/types.ts';
import type { CacheDecision, CachedItems } from '../cache/response-cache.ts';
import { sendCacheHit } from '../cache/send-cache-hit.ts';
import { StreamAssembler } from '../cache/stream-assembler.ts';
import { isAbort, transportError } from '../upstream/upstream-error.ts';
import type { UpstreamResponse } from '../upstream/upstream-client.ts';
import type { BufferedResponse } from '../upstream/buffered-response.ts';
import { embeddingsAsBase64 } from './embeddings-as-base64.ts';
import { addProviderHeaders, apiBaseHeader, type UpstreamHeaders } from './provider-headers.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { restampJson, StreamModelRestamper } from './restamp-model.ts';
import { hasPrice, stampChunkCost, stampLineCost, usageCost } from './usage-cost.ts';
import { mockReply, mockStreamAdapter, mockValueFor, type MockReply } from './mock-response.ts';
import { usageFromJson, usageFromRaw, usageFromTail } from './read-usage.ts';
import { blockedOutputError, outputBlocked, streamBrokenError, upstreamFailure, withoutKey } from './upstream-failures.ts';
import { isObject, validateRequest } from './validate-request.ts';
import { logRequest } from './request-log-line.ts';
import { fromNormalized, requestError, sendError, streamErrorEvent, type ClientError } from './openai-error.ts';
import type { ProxyRuntime } from './proxy-runtime.ts';
import type { KeyGrant } from '../store/virtual-keys.ts';

const nullFingerprint = Buffer.from('"system_fingerprint":null');

/** True when the first non-blank byte opens a JSON object (DeepSeek may send blank lines first). */
function startsLikeObject(raw: Buffer): boolean {
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x7b) return true;
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false;
  }
  return false;
}

/** Path names used in LiteLLM's messages ("/chat/completions: Invalid model name …"). */
const routeNames: Readonly<Record<Operation, string>> = { chat: '/chat/completions', completion: '/completions', embedding: '/embeddings' };

const doneEvent = 'data: [DONE]\n\n';

/** What a successful attempt hands back to the exchange. */
type AttemptResult =
  | {
      readonly kind: 'json';
      /** The response object; undefined when only `raw` is relayed. */
      readonly value: object | undefined;
      /** Upstream bytes to relay as they are (OpenAI-shaped providers). */
      readonly raw: Buffer | undefined;
      readonly usage: Usage | undefined;
      readonly upstreamMs: number;
      readonly upstreamHeaders: UpstreamHeaders;
      /** The api_base actually called (differs per request for catch-all deployments). */
      readonly apiBase: string | undefined;
    }
  | {
      readonly kind: 'stream';
      readonly adapter: ProviderAdapter;
      readonly target: AdapterTarget;
      readonly framing: 'sse' | 'ndjson';
      readonly iterator: AsyncIterator<Buffer>;
      readonly first: Buffer;
      readonly upstreamMs: number;
      readonly upstreamHeaders: UpstreamHeaders;
    };

/** A failed upstream call as the router sees it: our own abort stays an abort, the rest becomes a transport error. */
function transportFailure(error: unknown, deployment: Deployment, timeout: number): unknown {
  return isAbort(error) ? error : upstreamFailure(transportError(error, deployment.provider, timeout));
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** One client request's state across router attempts. */
class Exchange {
  readonly runtime: ProxyRuntime;
  readonly response: ServerResponse;
  readonly operation: Operation;
  readonly body: Record<string, unknown>;
  readonly model: string;
  readonly stream: boolean;
  readonly callId: string;
  readonly started: number;
  readonly controller = new AbortController();
  #context: RequestContext | undefined;
  #deployment: Deployment | undefined;
  /** Response cache (runtime/cache): what this request writes, and the stream being collected for it. */
  cacheDecision: CacheDecision | undefined;
  cacheTap: StreamAssembler | undefined;
  /** List embeddings with some inputs cached: the cached items, merged into the answer. */
  cachedItems: CachedItems | undefined;
  /** For the request recorder (runtime/metrics): routing outcome, usage and failure details. */
  outcome: RouteOutcome<AttemptResult> | undefined;
  usage: Usage | undefined;
  streamError: string | undefined;
  attemptedRetries: number | undefined;
  attemptedFallbacks: number | undefined;

  constructor(runtime: ProxyRuntime, response: ServerResponse, operation: Operation, body: Record<string, unknown>, model: string, callId: string, started: number) {
    this.runtime = runtime;
    this.response = response;
    this.operation = operation;
    this.body = body;
    this.model = model;
    // Embeddings have no streaming form; a stray `stream: true` is ignored.
    this.stream = body.stream === true && operation !== 'embedding';
    this.callId = callId;
    this.started = started;
  }

  get context(): RequestContext {
    return (this.#context ??= {
      callId: this.callId,
      requestedModel: this.model,
      created: Math.floor(Date.now() / 1000),
      stream: this.stream,
      includeUsage: this.stream && isObject(this.body.stream_options) && this.body.stream_options.include_usage === true,
    });
  }

  /** Effective timeout in seconds (litellm-config.md §7.6 order). */
  timeoutFor(deployment: Deployment): number {
    const router = this.runtime.plan.router;
    const fromEnv = this.runtime.envTimeouts[deployment.index];
    // router_settings values given as os.environ/ references were read at startup.
    const routerFromEnv = this.runtime.routerTimeouts;
    const plain = seconds(this.body.timeout) ?? seconds(this.body.request_timeout) ?? deployment.timeout ?? fromEnv?.timeout ?? routerFromEnv?.timeout ?? router.timeout;
    if (!this.stream) return plain;
    return seconds(this.body.stream_timeout) ?? deployment.streamTimeout ?? fromEnv?.streamTimeout ?? routerFromEnv?.streamTimeout ?? router.streamTimeout ?? plain;
  }

  /**
   * Adapter and target for a pattern deployment (resolved per request for `model: "*"` ones).
   * The router hands over a copy whose `upstreamModel` has the `*` replaced by what the name
   * of THIS hop matched (§2.6) — during a fallback that is the fallback target, not the
   * client's model — so it is used as given. A `*` left in it means the hop named the
   * pattern itself (or the deployment id), and LiteLLM then sends the model as configured.
   */
  async callFor(deployment: Deployment): Promise<{ adapter: ProviderAdapter; target: AdapterTarget }> {
    const runtime = this.runtime;
    const configured = runtime.targets[deployment.index]!;
    const model = deployment.upstreamModel;
    if (deployment.dynamicProvider) return runtime.dynamicTargets!.resolve(deployment, configured, model);
    const adapter = runtime.adapters.get(deployment.adapter)!;
    return { adapter, target: model === configured.model ? configured : { ...configured, model } };
  }

  /** One upstream try, with a failure counted against its deployment (runtime/metrics). */
  // Not an async function: a rejection handler costs nothing on success, an async wrapper
  // costs a promise and a resume per attempt on the hot path.
  readonly attempt = (deployment: Deployment, info: AttemptInfo): Promise<AttemptResult> => {
    const recorder = this.runtime.recorder;
    if (!recorder) return this.attemptOnce(deployment, info);
    return this.attemptOnce(deployment, info).then(undefined, (error: unknown) => {
      recorder.recordAttemptError(deployment, error);
      throw error;
    });
  };

  /**
   * One upstream try against `deployment`; rejects with UpstreamFailure on any failure. Not an
   * async function: the common case hands back the call's own promise (an async wrapper
   * returning it would add two promise turns per request); mocks and catch-all
   * deployments take the async path.
   */
  readonly attemptOnce = (deployment: Deployment, info: AttemptInfo): Promise<AttemptResult> => {
    if (deployment.wildcard || mockValueFor(this.body, deployment.mockResponse) !== undefined) return this.attemptResolved(deployment, info);
    try {
      return this.call(deployment, info, this.runtime.adapters.get(deployment.adapter)!, this.runtime.targets[deployment.index]!);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  /** The attempt for a mock_response or a catch-all deployment (whose target is resolved per request). */
  async attemptResolved(deployment: Deployment, info: AttemptInfo): Promise<AttemptResult> {
    const mock = mockValueFor(this.body, deployment.mockResponse);
    if (mock !== undefined) {
      const reply = mockReply(mock, this.operation, this.body, this.context);
      if (reply) return this.mocked(reply, deployment);
    }
    const { adapter, target } = deployment.wildcard ? await this.callFor(deployment) : { adapter: this.runtime.adapters.get(deployment.adapter)!, target: this.runtime.targets[deployment.index]! };
    return this.call(deployment, info, adapter, target);
  }

  /** Builds the provider request and sends it; throws synchronously only while building. */
  call(deployment: Deployment, info: AttemptInfo, adapter: ProviderAdapter, target: AdapterTarget): Promise<AttemptResult> {
    const request = adapter.buildRequest(this.operation, this.body, target, this.context);
    const timeout = this.timeoutFor(deployment);
    return this.stream ? this.callStream(deployment, info, adapter, target, request, timeout) : this.callJson(deployment, info, adapter, target, request, timeout);
  }

  /** A non-streaming call: the whole reply collected, then relayed as bytes or translated. */
  async callJson(deployment: Deployment, info: AttemptInfo, adapter: ProviderAdapter, target: AdapterTarget, request: UpstreamRequest, timeout: number): Promise<AttemptResult> {
    const sent = performance.now();
    let upstream: BufferedResponse;
    try {
      upstream = await this.runtime.upstream.sendBuffered(request, timeout * 1000, info.signal);
    } catch (error) {
      throw transportFailure(error, deployment, timeout);
    }
    const upstreamMs = performance.now() - sent;
    const status = upstream.statusCode;
    const raw = upstream.body;
    if (status < 200 || status >= 300) throw upstreamFailure(withoutKey(adapter.parseError(status, raw.toString('utf8'), upstream.headers), target.apiKey));
    // Fast path for OpenAI-shaped providers: relay the bytes and read only the usage, unless
    // something needs the parsed object (filtered-output check, a null fingerprint to drop).
    // The `model` field becomes the requested name, as the translating adapters set it (§7.11).
    if (adapter.jsonPassthrough === true && !info.blockedOutputFails && startsLikeObject(raw) && raw.indexOf(nullFingerprint) === -1) {
      return { kind: 'json', value: undefined, raw: restampJson(raw, this.model), usage: usageFromRaw(raw), upstreamMs, upstreamHeaders: upstream.headers, apiBase: target.apiBase };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw upstreamFailure({ ...streamBrokenError, status: 502, errorClass: 'BadGatewayError', message: `${deployment.provider} returned a response that is not JSON`, retryable: true });
    }
    let value = adapter.parseResponse(this.operation, json, target, this.context);
    if (info.blockedOutputFails && this.operation === 'chat' && outputBlocked(value)) throw upstreamFailure(blockedOutputError);
    const passthrough = adapter.jsonPassthrough === true && value === json;
    if (!passthrough && this.operation === 'embedding' && this.body.encoding_format === 'base64') value = embeddingsAsBase64(value);
    if (!passthrough && typeof (value as { model?: unknown }).model === 'string') (value as { model: string }).model = this.model;
    return { kind: 'json', value, raw: passthrough ? restampJson(raw, this.model) : undefined, usage: usageFromJson(value), upstreamMs, upstreamHeaders: upstream.headers, apiBase: target.apiBase };
  }

  /** A streaming call: succeeds once the first bytes arrived (the router may retry until then). */
  async callStream(deployment: Deployment, info: AttemptInfo, adapter: ProviderAdapter, target: AdapterTarget, request: UpstreamRequest, timeout: number): Promise<AttemptResult> {
    const sent = performance.now();
    let upstream: UpstreamResponse;
    try {
      upstream = await this.runtime.upstream.send(request, timeout * 1000, info.signal);
    } catch (error) {
      throw transportFailure(error, deployment, timeout);
    }
    const status = upstream.statusCode;
    if (status < 200 || status >= 300) {
      let text = '';
      try {
        text = await upstream.body.text();
      } catch {
        // The error body itself broke off; the status still says what happened.
      }
      throw upstreamFailure(withoutKey(adapter.parseError(status, text, upstream.headers), target.apiKey));
    }
    const iterator = (upstream.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let first: IteratorResult<Buffer>;
    try {
      first = await iterator.next();
    } catch (error) {
      throw transportFailure(error, deployment, timeout);
    }
    if (first.done) throw upstreamFailure({ ...streamBrokenError, message: `${deployment.provider} closed the stream without sending anything`, retryable: true });
    return { kind: 'stream', adapter, target, framing: request.streamFraming ?? 'sse', iterator, first: first.value, upstreamMs: performance.now() - sent, upstreamHeaders: upstream.headers };
  }

  /** The attempt's result for a mock_response: no upstream call (errors still go through the router). */
  mocked(reply: MockReply, deployment: Deployment): AttemptResult {
    if (reply.kind === 'error') throw new UpstreamFailure(reply.error);
    const target = this.runtime.targets[deployment.index]!;
    if (reply.kind === 'json') return { kind: 'json', value: reply.value, raw: undefined, usage: reply.usage, upstreamMs: 0, upstreamHeaders: {}, apiBase: target.apiBase };
    const done: AsyncIterator<Buffer> = { next: async () => ({ done: true, value: undefined }) };
    return { kind: 'stream', adapter: mockStreamAdapter, target, framing: 'sse', iterator: done, first: reply.events, upstreamMs: 0, upstreamHeaders: {} };
  }

  headers(outcome: RouteOutcome<AttemptResult>, contentType: string, cost: number | undefined): Record<string, string | string[]> {
    const deployment = outcome.deployment;
    this.#deployment = deployment;
    this.outcome = outcome;
    const overhead = performance.now() - this.started - outcome.value.upstreamMs;
    const headers: Record<string, string | string[]> = {};
    addProviderHeaders(headers, outcome.value.upstreamHeaders);
    headers['content-type'] = contentType;
    headers['x-litellm-call-id'] = this.callId;
    headers['x-litellm-model-id'] = deployment.id;
    headers['x-litellm-model-group'] = outcome.group;
    headers['x-litellm-attempted-retries'] = String(outcome.attemptedRetries);
    headers['x-litellm-attempted-fallbacks'] = String(outcome.attemptedFallbacks);
    headers['x-litellm-overhead-duration-ms'] = overhead.toFixed(3);
    // Precomputed per deployment; a catch-all (`model: "*"`) one learns its base per request.
    const resolvedBase = outcome.value.kind === 'json' ? outcome.value.apiBase : outcome.value.target.apiBase;
    const apiBase = this.runtime.apiBaseHeaders[deployment.index] ?? (resolvedBase ? apiBaseHeader(resolvedBase) : undefined);
    if (apiBase) headers['x-litellm-model-api-base'] = apiBase;
    if (cost !== undefined) headers['x-litellm-response-cost'] = String(cost);
    return headers;
  }

  sendJson(outcome: RouteOutcome<AttemptResult & { kind: 'json' }>): void {
    const result = outcome.value;
    // List embeddings are cached per input; with some inputs cached, the answer is the merge.
    const merged = this.cacheDecision?.itemKeys ? this.runtime.responseCache!.finishEmbeddings(this.cacheDecision, this.cachedItems, result.raw ?? (result.value as Record<string, unknown>)) : undefined;
    const payload = merged ? Buffer.from(JSON.stringify(merged)) : (result.raw ?? Buffer.from(JSON.stringify(result.value)));
    const headers = this.headers(outcome, 'application/json', usageCost(outcome.deployment, result.usage));
    headers['content-length'] = String(payload.length);
    const response = this.response;
    if (!response.destroyed) {
      response.writeHead(200, headers);
      response.end(payload);
    }
    if (this.cacheDecision?.write && !this.cacheDecision.itemKeys) void this.runtime.responseCache!.write(this.cacheDecision, result.raw ?? (result.value as Record<string, unknown>));
    this.usage = result.usage;
    outcome.settle({ promptTokens: result.usage?.prompt_tokens, completionTokens: result.usage?.completion_tokens });
  }

  async pipeStream(outcome: RouteOutcome<AttemptResult & { kind: 'stream' }>): Promise<void> {
    const result = outcome.value;
    const response = this.response;
    // No x-litellm-response-cost: the headers leave before the usage (and so the cost) is
    // known, and a trailer is not something OpenAI clients read. As in LiteLLM, the usage
    // chunk carries it instead (`usage.cost`, see usage-cost.ts).
    response.writeHead(200, {
      ...this.headers(outcome, 'text/event-stream; charset=utf-8', undefined),
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const passthrough = result.adapter.streamPassthrough === true && result.framing === 'sse';
    // Streamed answers are cached once complete (§8): collect what the client receives.
    if (this.cacheDecision?.write) this.cacheTap = new StreamAssembler();
    let usage: Usage | undefined;
    let failure: ClientError | undefined;
    let aborted = false;
    try {
      if (passthrough) usage = await this.relay(result, outcome.deployment);
      else usage = await this.translate(result, result.adapter.createStreamTranslator(this.operation, result.target, this.context), outcome.deployment);
    } catch (error) {
      if (isAbort(error) || response.destroyed) aborted = true;
      else failure = this.streamFailure(error, outcome.deployment);
    }
    if (failure && !response.destroyed) response.write(streamErrorEvent(failure));
    if (!response.destroyed) response.end();
    else aborted = true;
    if (aborted) this.controller.abort();
    const final = this.cacheTap && !failure && !aborted ? this.cacheTap.result() : undefined;
    if (final) void this.runtime.responseCache!.write(this.cacheDecision!, final);
    this.usage = usage;
    this.streamError = failure?.type ?? (aborted ? 'client_disconnected' : undefined);
    outcome.settle({ promptTokens: usage?.prompt_tokens, completionTokens: usage?.completion_tokens, failed: failure !== undefined || aborted });
  }

  streamFailure(error: unknown, deployment: Deployment): ClientError {
    if (error instanceof UpstreamFailure) return fromNormalized(error.error, true);
    const normalized = typeof error === 'object' && error !== null && 'code' in error ? transportError(error, deployment.provider, this.timeoutFor(deployment)) : { ...streamBrokenError, message: `upstream stream failed: ${error instanceof Error ? error.message : String(error)}` };
    return fromNormalized(normalized, true);
  }

  /** Relays OpenAI SSE bytes as they arrive; checks the tail for `[DONE]` and usage. */
  async relay(result: AttemptResult & { kind: 'stream' }, deployment: Deployment): Promise<Usage | undefined> {
    const response = this.response;
    const rewrite = result.adapter.rewriteStreamBytes;
    // Each event's `model` becomes the requested name, as in the translated streams (§7.11).
    const priced = hasPrice(deployment);
    const restamper = new StreamModelRestamper(this.model, priced ? (line) => stampLineCost(line, deployment) : undefined);
    let previous: Buffer | undefined;
    let last = restamper.push(rewrite ? rewrite(result.first) : result.first);
    if (last.length > 0) {
      this.cacheTap?.push(last);
      if (!response.write(last)) await waitForDrain(response);
    }
    for (let done = false; !done; ) {
      const next = await result.iterator.next();
      done = next.done === true;
      if (!done && response.destroyed) throw Object.assign(new Error('client disconnected'), { name: 'AbortError' });
      // At the end, the restamper gives back a last line that came without its newline.
      const out = done ? restamper.end() : restamper.push(rewrite ? rewrite(next.value!) : next.value!);
      if (out.length === 0) continue;
      previous = last;
      last = out;
      this.cacheTap?.push(last);
      if (!response.write(last)) await waitForDrain(response);
    }
    // Only the last two network chunks are decoded: that is where [DONE] and usage live.
    const tail = previous ? Buffer.concat([previous, last]).toString('utf8') : last.toString('utf8');
    if (!/data: ?\[DONE\]/.test(tail)) throw new UpstreamFailure(streamBrokenError);
    return usageFromTail(tail);
  }

  /** Decodes the provider's stream, translates each event, and writes OpenAI chunks. */
  async translate(result: AttemptResult & { kind: 'stream' }, translator: StreamTranslator, deployment: Deployment): Promise<Usage | undefined> {
    const response = this.response;
    const sse = result.framing === 'sse' ? new SseDecoder() : undefined;
    const ndjson = sse ? undefined : new NdjsonDecoder();
    const emit = (chunks: object[]): string => {
      let out = '';
      for (const chunk of chunks) {
        stampChunkCost(chunk, deployment);
        out += `data: ${JSON.stringify(chunk)}\n\n`;
      }
      return out;
    };
    const feed = (bytes: Buffer | undefined): string => {
      let out = '';
      if (sse) {
        for (const event of bytes ? sse.push(bytes) : sse.end()) out += emit(translator.push(event));
      } else {
        for (const line of bytes ? ndjson!.push(bytes) : ndjson!.end()) out += emit(translator.push({ data: line }));
      }
      return out;
    };
    let text = feed(result.first);
    if (text) this.cacheTap?.push(text);
    if (text && !response.write(text)) await waitForDrain(response);
    for (;;) {
      const next = await result.iterator.next();
      if (next.done) break;
      if (response.destroyed) throw Object.assign(new Error('client disconnected'), { name: 'AbortError' });
      text = feed(next.value);
      if (text) this.cacheTap?.push(text);
      if (text && !response.write(text)) await waitForDrain(response);
    }
    text = feed(undefined) + emit(translator.end());
    if (text) response.write(text);
    if (!translator.finished()) throw new UpstreamFailure(streamBrokenError);
    if (text) this.cacheTap?.push(text);
    this.cacheTap?.push(doneEvent);
    response.write(doneEvent);
    return translator.usage();
  }

  /** LiteLLM exception class of the failure, for the request log line. */
  errorClass: string | undefined;

  /** Sends the error for a failed route (before any byte of a response went out). */
  fail(error: unknown): ClientError | undefined {
    const response = this.response;
    if (response.destroyed || this.controller.signal.aborted) return undefined;
    const headers: Record<string, string> = { 'x-litellm-call-id': this.callId };
    let clientError: ClientError;
    const named = error as { name?: string; error?: NormalizedError; attemptedRetries?: number; attemptedFallbacks?: number } | null;
    if (named && (named.name === 'UpstreamFailure' || named.name === 'RoutingError') && named.error) {
      // Upstream messages were prefixed where they arose (the router re-wraps them).
      clientError = fromNormalized(named.error, false);
      this.errorClass = named.error.errorClass;
      this.attemptedRetries = named.attemptedRetries;
      this.attemptedFallbacks = named.attemptedFallbacks;
      if (named.error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(named.error.retryAfterMs / 1000)));
      if (named.attemptedRetries !== undefined) headers['x-litellm-attempted-retries'] = String(named.attemptedRetries);
      if (named.attemptedFallbacks !== undefined) headers['x-litellm-attempted-fallbacks'] = String(named.attemptedFallbacks);
    } else if (isAbort(error)) {
      return undefined;
    } else {
      this.runtime.logger.error({ callId: this.callId, err: error instanceof Error ? error.message : String(error) }, 'unexpected error');
      clientError = requestError(500, 'Internal Server Error', 'internal_server_error');
    }
    sendError(response, clientError, headers);
    return clientError;
  }

  get deployment(): Deployment | undefined {
    return this.#deployment;
  }
}

/**
 * Handles one POST to a chat/completions, completions or embeddings route. `pathModel` is the
 * model named by an `/openai/deployments/{model}/…` or `/engines/{model}/…` path; it wins
 * over the body's, as in LiteLLM. `key` is the virtual key's grant (runtime/store), when the
 * request came with one: its model list is checked here, and its spend recorded at the end.
 */
export async function handleLlmRequest(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse, operation: Operation, pathModel?: string, key?: KeyGrant): Promise<void> {
  const started = performance.now();
  const incomingCallId = request.headers['x-litellm-call-id'];
  const callId = typeof incomingCallId === 'string' && incomingCallId !== '' ? incomingCallId : randomUUID();
  let status = 200;
  let model: string | undefined;
  let exchange: Exchange | undefined;
  let cacheHit = false;
  const limit = runtime.plan.server.globalMaxParallelRequests;
  if (limit !== undefined && runtime.inFlight.count >= limit) {
    request.resume();
    sendError(response, requestError(429, `Max parallel request limit reached: the proxy serves at most ${limit} requests at once (general_settings.global_max_parallel_requests). Retry shortly.`, 'rate_limit_error'), { 'x-litellm-call-id': callId, 'retry-after': '1' });
    runtime.recorder?.record(callId, operation, undefined, 429, performance.now() - started, undefined);
    return;
  }
  runtime.inFlight.count += 1;
  try {
    let raw: Buffer;
    try {
      raw = await readBody(request, runtime.maxBodyBytes);
    } catch (error) {
      status = error instanceof BodyTooLargeError ? 413 : 400;
      const message = error instanceof BodyTooLargeError ? error.message : 'Could not read the request body';
      sendError(response, requestError(status, message), { 'x-litellm-call-id': callId, connection: 'close' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      status = 400;
      sendError(response, requestError(400, 'Invalid JSON in request body: the body must be a JSON object'), { 'x-litellm-call-id': callId });
      return;
    }
    if (!isObject(body)) {
      status = 400;
      sendError(response, requestError(400, 'Invalid request body: expected a JSON object'), { 'x-litellm-call-id': callId });
      return;
    }
    if (pathModel !== undefined) body.model = pathModel;
    model = typeof body.model === 'string' && body.model !== '' ? body.model : undefined;
    if (model === undefined || !runtime.models.isKnown(model)) {
      status = 400;
      const shown = model ?? (body.model === undefined || body.model === null ? 'None' : JSON.stringify(body.model));
      sendError(response, requestError(400, `${routeNames[operation]}: Invalid model name passed in model=${shown}. Call \`/v1/models\` to view available models for your key.`, 'invalid_request_error', 'model'), { 'x-litellm-call-id': callId });
      return;
    }
    // Virtual key (runtime/store): may this key call the model?
    const denied = key?.checkModel(model);
    if (denied !== undefined) {
      status = denied.status;
      sendError(response, denied, { 'x-litellm-call-id': callId });
      return;
    }
    const invalid = validateRequest(operation, body);
    if (invalid) {
      status = 400;
      sendError(response, invalid, { 'x-litellm-call-id': callId });
      return;
    }
    // ── response cache (runtime/cache): answer from it before routing; absent when caching is off ──
    const cacheDecision = runtime.responseCache?.decide(operation, body, model);
    let cachedItems: CachedItems | undefined;
    if (cacheDecision) {
      const found = await runtime.responseCache!.lookup(cacheDecision);
      if (found.hit) {
        cacheHit = true;
        sendCacheHit(response, cacheDecision, found.hit, { callId, model, started });
        return;
      }
      // Embeddings with some inputs cached: only the missing ones go upstream.
      if (found.partial) {
        cachedItems = found.partial;
        body.input = found.missingInputs;
      }
    }
    const current = new Exchange(runtime, response, operation, body, model, callId, started);
    current.cacheDecision = cacheDecision;
    current.cachedItems = cachedItems;
    exchange = current;
    // The client going away aborts the upstream call (and a stream being relayed).
    response.on('close', () => {
      if (!response.writableFinished) current.controller.abort();
    });
    try {
      const outcome = await runtime.router.execute(
        { model, operation, stream: current.stream, inputTokens: raw.length >> 2, body, signal: current.controller.signal },
        current.attempt,
      );
      if (outcome.value.kind === 'json') current.sendJson(outcome as RouteOutcome<AttemptResult & { kind: 'json' }>);
      else await current.pipeStream(outcome as RouteOutcome<AttemptResult & { kind: 'stream' }>);
    } catch (error) {
      status = current.fail(error)?.status ?? 499;
    }
  } finally {
    runtime.inFlight.count -= 1;
    // Request recorder (runtime/metrics): /ui's recent requests and the /metrics totals.
    const record = runtime.recorder?.record(callId, operation, model, response.headersSent ? response.statusCode : status, performance.now() - started, exchange, cacheHit);
    // Virtual key (runtime/store): charge the recorder's cost to the key, queue the spend-log row.
    key?.finish(operation, record);
    if (runtime.logger.isLevelEnabled('info')) {
      const url = request.url ?? '';
      const queryAt = url.indexOf('?');
      logRequest(runtime.logger, {
        callId,
        route: queryAt === -1 ? url : url.slice(0, queryAt),
        status: response.headersSent ? response.statusCode : status,
        model,
        deployment: exchange?.deployment?.id,
        error: exchange?.errorClass,
        cacheHit,
        ms: Number((performance.now() - started).toFixed(2)),
      });
    }
  }
}
