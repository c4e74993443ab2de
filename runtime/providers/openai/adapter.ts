/**
 * Adapter for the OpenAI wire format and the whole OpenAI-compatible family (openai, groq,
 * mistral, openrouter, together_ai, hosted_vllm, fireworks_ai, xai, lm_studio, …). What
 * differs between those providers (default base, URL joining, key header, env headers) is
 * data in compiler/plan/provider-table.ts; this module reads it.
 *
 * `createOpenAiAdapter` is also the base of the azure and deepseek adapters, which override
 * only `url()`/`headers()` (and DeepSeek's body quirks), as the style guide asks.
 */
import { providerTable } from '../../../compiler/plan/provider-table.ts';
import { UpstreamFailure } from '../../router/types.ts';
import type { AdapterTarget, NormalizedError, Operation, ProviderAdapter, RequestContext, StreamTranslator, UpstreamRequest, Usage } from '../adapter.ts';
import { composeOpenAiUrl } from './compose-url.ts';
import { parseOpenAiError } from './errors.ts';
import { buildBody, planBody, type BodyPlan } from './request-body.ts';

/** What a subclass-like adapter may override. */
export interface OpenAiAdapterOverrides {
  readonly kind: string;
  /** Upstream URL for an operation, or undefined when the provider has no such route. */
  readonly url?: (operation: Operation, target: AdapterTarget) => string | undefined;
  /** Auth headers for the target (default: `Authorization: Bearer <key>` when a key is set). */
  readonly authHeaders?: (target: AdapterTarget) => Record<string, string>;
  /** Provider body quirks, applied to the (already copied) body. */
  readonly adjustBody?: (body: Record<string, unknown>, operation: Operation, target: AdapterTarget) => void;
  /** Per-chunk filter for providers whose streams need normalising (Azure); default relays bytes. */
  readonly filterChunk?: (chunk: Record<string, unknown>) => Record<string, unknown> | undefined;
}

interface PreparedTarget {
  readonly urls: Readonly<Record<Operation, string | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: BodyPlan;
}

function bearer(target: AdapterTarget): Record<string, string> {
  return target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
}

function defaultUrl(operation: Operation, target: AdapterTarget): string | undefined {
  return composeOpenAiUrl(providerTable[target.provider], target.apiBase, operation);
}

function stringHeaders(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) if (item !== undefined && item !== null) out[name.toLowerCase()] = String(item);
  }
  return out;
}

function unsupportedOperation(operation: Operation, target: AdapterTarget): UpstreamFailure {
  const error: NormalizedError = {
    status: 400,
    message: `${target.provider} does not support the ${operation === 'embedding' ? 'embeddings' : operation} endpoint (model=${target.model})`,
    type: 'invalid_request_error',
    code: null,
    param: 'model',
    errorClass: 'BadRequestError',
    retryable: false,
  };
  return new UpstreamFailure(error);
}

/** Usage as sent by OpenAI-shaped providers, if well formed. */
export function readUsage(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  if (typeof usage.prompt_tokens !== 'number') return undefined;
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
  return {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: completion,
    total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : usage.prompt_tokens + completion,
  };
}

/**
 * Tracks an OpenAI-format SSE stream: `[DONE]` marks the normal end; usage comes from the
 * chunk that carries it. With `filter`, chunks are parsed and re-emitted (Azure); without,
 * the runtime relays the bytes and this only observes.
 */
class OpenAiStreamTranslator implements StreamTranslator {
  #usage: Usage | undefined;
  #finished = false;
  readonly #filter: OpenAiAdapterOverrides['filterChunk'];
  /** The client's model name: re-emitted chunks carry it, as relayed ones do (§7.11). */
  readonly #model: string;

  constructor(filter: OpenAiAdapterOverrides['filterChunk'], model: string) {
    this.#filter = filter;
    this.#model = model;
  }

  push(event: { readonly event?: string; readonly data: string }): object[] {
    if (event.data === '[DONE]') {
      this.#finished = true;
      return [];
    }
    const chunk = JSON.parse(event.data) as Record<string, unknown>;
    if (chunk.usage) this.#usage = readUsage(chunk.usage) ?? this.#usage;
    if (!this.#filter) return [chunk];
    const kept = this.#filter(chunk);
    if (kept === undefined) return [];
    if (typeof kept.model === 'string') kept.model = this.#model;
    return [kept];
  }

  end(): object[] {
    return [];
  }

  usage(): Usage | undefined {
    return this.#usage;
  }

  finished(): boolean {
    return this.#finished;
  }
}

const nullFingerprint = /,"system_fingerprint":null|"system_fingerprint":null,/g;

/**
 * Drops `"system_fingerprint":null` from relayed chunk bytes (compact JSON, as providers send
 * it). Chunks without it, the common case, are returned untouched after one native search.
 */
export function dropNullFingerprint(chunk: Buffer): Buffer {
  if (!chunk.includes('"system_fingerprint":null')) return chunk;
  return Buffer.from(chunk.toString('utf8').replace(nullFingerprint, ''), 'utf8');
}

/** Builds an OpenAI-format adapter with the given overrides. */
export function createOpenAiAdapter(overrides: OpenAiAdapterOverrides): ProviderAdapter {
  const url = overrides.url ?? defaultUrl;
  const authHeaders = overrides.authHeaders ?? bearer;
  const prepared = new WeakMap<AdapterTarget, PreparedTarget>();

  // Targets are built once at startup and reused, so this runs once per deployment.
  function prepare(target: AdapterTarget): PreparedTarget {
    let entry = prepared.get(target);
    if (entry) return entry;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...authHeaders(target) };
    for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
    if (typeof target.params.organization === 'string') headers['openai-organization'] = target.params.organization;
    Object.assign(headers, stringHeaders(target.params.extra_headers));
    entry = {
      urls: { chat: url('chat', target), completion: url('completion', target), embedding: url('embedding', target) },
      headers: Object.freeze(headers),
      body: planBody(target, providerTable[target.provider]?.unsupportedParams),
    };
    prepared.set(target, entry);
    return entry;
  }

  return {
    kind: overrides.kind,
    jsonPassthrough: true,
    streamPassthrough: overrides.filterChunk === undefined,

    buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, _context: RequestContext): UpstreamRequest {
      const entry = prepare(target);
      const upstreamUrl = entry.urls[operation];
      if (upstreamUrl === undefined) throw unsupportedOperation(operation, target);
      const out = buildBody(body, target, entry.body);
      if (operation === 'embedding' && (out.stream !== undefined || out.stream_options !== undefined)) {
        // Embeddings have no streaming form; OpenAI rejects the unknown parameters.
        delete out.stream;
        delete out.stream_options;
      }
      overrides.adjustBody?.(out, operation, target);
      return { method: 'POST', url: upstreamUrl, headers: entry.headers, body: JSON.stringify(out), streamFraming: 'sse' };
    },

    parseResponse(_operation: Operation, json: unknown): object {
      // Already OpenAI-shaped: returned as is (so the runtime relays the original bytes),
      // except that a null system_fingerprint (Groq, DeepSeek, vLLM …) is dropped: the
      // OpenAI spec allows a string or nothing.
      if (typeof json === 'object' && json !== null && (json as { system_fingerprint?: unknown }).system_fingerprint === null) {
        const { system_fingerprint: _dropped, ...rest } = json as Record<string, unknown>;
        return rest;
      }
      return json as object;
    },

    rewriteStreamBytes: dropNullFingerprint,

    createStreamTranslator(_operation: Operation, _target: AdapterTarget, context: RequestContext): StreamTranslator {
      return new OpenAiStreamTranslator(overrides.filterChunk, context.requestedModel);
    },

    parseError(status, body, headers): NormalizedError {
      return parseOpenAiError(overrides.kind === 'openai' ? 'openai' : overrides.kind, status, body, headers);
    },
  };
}

/** The OpenAI-compatible family's adapter (default export, loaded by kind 'openai'). */
const openAiAdapter: ProviderAdapter = createOpenAiAdapter({ kind: 'openai' });
export default openAiAdapter;
