/**
 * The contract every provider adapter implements. An adapter is pure translation:
 * it turns an OpenAI-format request into the provider's HTTP request, and the
 * provider's response, stream and errors back into OpenAI format. It does no I/O;
 * the runtime's upstream client sends what it builds. One module per wire format
 * under runtime/providers/<kind>/, loaded on its own (no barrel file), so a bundle
 * imports only the adapters its config uses.
 */

/** Resolved deployment view an adapter needs: secrets already read from the environment. */
export interface AdapterTarget {
  /** LiteLLM provider prefix ('openai', 'groq', 'anthropic', …). */
  readonly provider: string;
  /** Model id sent upstream (no provider prefix). */
  readonly model: string;
  /** Base URL exactly as configured or defaulted (adapters append their path, as LiteLLM does). */
  readonly apiBase: string;
  readonly apiKey?: string;
  readonly apiVersion?: string;
  /** Extra litellm_params to merge into the body (temperature, max_tokens, extra_headers …). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Drop OpenAI params the provider does not support instead of failing. */
  readonly dropParams: boolean;
  /**
   * Provider headers resolved from env at startup (OpenAI-Organization, OpenRouter's
   * HTTP-Referer/X-Title …). `params.extra_headers` still applies on top. Optional.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export type Operation = 'chat' | 'completion' | 'embedding';

/** One HTTP request to send upstream. */
export interface UpstreamRequest {
  readonly method: 'POST' | 'GET';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** How the streamed reply is framed: SSE (`data:` events) or NDJSON (Ollama). */
  readonly streamFraming?: 'sse' | 'ndjson';
}

/** An upstream failure normalised to OpenAI's error vocabulary. */
export interface NormalizedError {
  /** HTTP status to return to the client. */
  readonly status: number;
  readonly message: string;
  /** OpenAI error type: invalid_request_error, authentication_error, rate_limit_error, … */
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  /** LiteLLM exception class name, used by retry_policy / allowed_fails_policy (e.g. 'RateLimitError'). */
  readonly errorClass: string;
  /** Whether a retry on another (or the same) deployment may succeed. */
  readonly retryable: boolean;
  /** From retry-after-ms / retry-after headers, when the provider sent one. */
  readonly retryAfterMs?: number;
}

/** Usage in OpenAI's shape. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Turns one provider stream event (already de-framed) into OpenAI chat.completion.chunk objects. */
export interface StreamTranslator {
  /**
   * Feed one decoded event: for SSE the `event` name (if any) and the `data` text; for NDJSON
   * the line. Returns zero or more OpenAI chunk objects to send, in order.
   */
  push(event: { readonly event?: string; readonly data: string }): object[];
  /** Called when the upstream stream ends; returns trailing chunks (e.g. a usage chunk). */
  end(): object[];
  /** Usage seen so far (for spend and tpm accounting). */
  usage(): Usage | undefined;
  /** True once the provider signalled a normal end (e.g. message_stop, [DONE], done: true). */
  finished(): boolean;
}

export interface RequestContext {
  /** Call id (x-litellm-call-id), used for response ids where the provider gives none. */
  readonly callId: string;
  /** The model name the client asked for (group or alias), echoed as `model` in responses. */
  readonly requestedModel: string;
  /** Unix seconds, for `created`. */
  readonly created: number;
  readonly stream: boolean;
  /** stream_options.include_usage from the client. */
  readonly includeUsage: boolean;
}

/** What one adapter module default-exports. Absent operations are unsupported (400 to the client). */
export interface ProviderAdapter {
  readonly kind: string;
  /**
   * The provider already answers in OpenAI's JSON shape: the runtime may relay the upstream
   * bytes unchanged, reading only the usage, without calling parseResponse (it is called when
   * the runtime needs the object). Optional, default false.
   */
  readonly jsonPassthrough?: boolean;
  /**
   * The provider already streams OpenAI chat.completion.chunk SSE: the runtime relays the
   * bytes as they arrive, without decoding each event. Optional, default false.
   */
  readonly streamPassthrough?: boolean;
  /**
   * With streamPassthrough: an optional byte-level fix applied to each relayed network chunk
   * (e.g. dropping `"system_fingerprint":null`, which the OpenAI spec does not allow). Must
   * return the input unchanged when there is nothing to fix.
   */
  readonly rewriteStreamBytes?: (chunk: Buffer) => Buffer;
  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest;
  /** Maps a 2xx JSON body to the OpenAI response object for the operation. */
  parseResponse(operation: Operation, json: unknown, target: AdapterTarget, context: RequestContext): object;
  /** Creates a translator for one streamed response. */
  createStreamTranslator(operation: Operation, target: AdapterTarget, context: RequestContext): StreamTranslator;
  /** Maps a non-2xx reply. `body` is the raw text (may not be JSON). */
  parseError(status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>): NormalizedError;
}
