import { badRequest } from './provider-error.ts';

/**
 * Request fields of OpenAI's chat and legacy completion APIs (openai-openapi
 * CreateChatCompletionRequest / CreateCompletionRequest). A translating adapter must
 * either map each of these or treat it as unsupported; anything else in the body is
 * not an OpenAI parameter and is left to the adapter's own list of provider-native keys.
 */
export const OPENAI_REQUEST_PARAMS: ReadonlySet<string> = new Set([
  'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'max_tokens', 'max_completion_tokens', 'n',
  'presence_penalty', 'response_format', 'seed', 'stop', 'temperature', 'top_p', 'tools', 'tool_choice',
  'parallel_tool_calls', 'user', 'functions', 'function_call', 'reasoning_effort', 'modalities', 'audio',
  'prediction', 'web_search_options', 'service_tier', 'store', 'verbosity', 'best_of', 'echo', 'suffix',
]);

/**
 * Deployment `litellm_params` that steer routing or transport and never go into a
 * provider body. The plan normally strips them; the adapter ignores them defensively.
 */
const NON_BODY_PARAMS: ReadonlySet<string> = new Set([
  'model', 'api_base', 'base_url', 'api_key', 'api_version', 'rpm', 'tpm', 'timeout', 'stream_timeout', 'request_timeout',
  'max_retries', 'num_retries', 'custom_llm_provider', 'drop_params', 'weight', 'order', 'tags', 'organization',
  'input_cost_per_token', 'output_cost_per_token', 'max_parallel_requests', 'cooldown_time', 'extra_headers',
  'headers', 'litellm_credential_name', 'mock_response', 'use_in_pass_through', 'base_model', 'stream',
  'stream_options', 'messages', 'prompt', 'input', 'metadata', 'model_info', 'allowed_openai_params',
]);

/** The request as the adapter should translate it: client body over deployment defaults. */
export interface MergedRequest {
  readonly body: Readonly<Record<string, unknown>>;
  /** `extra_headers` from the deployment, sent upstream as they are. */
  readonly extraHeaders: Readonly<Record<string, string>>;
}

/**
 * Merges deployment `litellm_params` under the client's body: a value the client sent
 * (non-null) wins, as in LiteLLM's router where request kwargs override the
 * deployment's litellm_params.
 */
export function mergeDeploymentParams(body: Readonly<Record<string, unknown>>, params: Readonly<Record<string, unknown>>): MergedRequest {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (!NON_BODY_PARAMS.has(key) && value !== null && value !== undefined) merged[key] = value;
  }
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && value !== undefined) merged[key] = value;
    else if (!(key in merged)) merged[key] = value;
  }
  const extraHeaders: Record<string, string> = {};
  const headers = params['extra_headers'];
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') extraHeaders[name] = String(value);
    }
  }
  return { body: merged, extraHeaders };
}

/** Whether the client actually set a parameter (LiteLLM's "non-default params": null and absent are the same). */
export function isSet(body: Readonly<Record<string, unknown>>, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

export interface UnsupportedParamsOptions {
  /** LiteLLM provider prefix, quoted in the message (`anthropic does not support …`). */
  readonly provider: string;
  readonly model: string;
  readonly dropParams: boolean;
  /** Parameters the client may set to a harmless value (e.g. `n: 1`). */
  readonly allowValue?: (key: string, value: unknown) => boolean;
}

/**
 * Applies LiteLLM's unsupported-parameter rule: an OpenAI parameter the provider cannot
 * express is dropped when `drop_params` is on and otherwise fails the request with 400
 * (LiteLLM's UnsupportedParamsError, same message). Returns the names that were dropped.
 */
export function checkUnsupportedParams(
  body: Readonly<Record<string, unknown>>,
  supported: ReadonlySet<string>,
  options: UnsupportedParamsOptions,
): string[] {
  const unsupported: string[] = [];
  for (const key of Object.keys(body)) {
    if (!OPENAI_REQUEST_PARAMS.has(key) || supported.has(key) || !isSet(body, key)) continue;
    // n=1 is the default every provider honours (LiteLLM special-cases it too).
    if (key === 'n' && body[key] === 1) continue;
    if (options.allowValue?.(key, body[key])) continue;
    unsupported.push(key);
  }
  if (unsupported.length > 0 && !options.dropParams) {
    const list = `[${unsupported.map((key) => `'${key}'`).join(', ')}]`;
    throw badRequest(
      `litellm.UnsupportedParamsError: ${options.provider} does not support parameters: ${list}, for model=${options.model}. ` +
        'To drop these, set `litellm.drop_params=True` or for proxy:\n\n`litellm_settings:\n drop_params: true`\n',
      { param: unsupported[0], code: 'unsupported_parameter', errorClass: 'UnsupportedParamsError' },
    );
  }
  return unsupported;
}

/** `stop` as a list (OpenAI accepts a string or an array of strings). */
export function stopList(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop)) return stop.filter((entry): entry is string => typeof entry === 'string');
  return undefined;
}

/** max_completion_tokens wins over the deprecated max_tokens, as in OpenAI's API. */
export function maxTokens(body: Readonly<Record<string, unknown>>): number | undefined {
  const value = body['max_completion_tokens'] ?? body['max_tokens'];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Joins a base URL and a path suffix the way LiteLLM does for these families: glued on, no slash normalising, not doubled. */
export function appendPath(base: string, suffix: string): string {
  return base.endsWith(suffix) ? base : `${base}${suffix}`;
}

/** drop_params from the deployment/settings, or set per request as LiteLLM allows. */
export function dropParamsFor(configured: boolean, body: Readonly<Record<string, unknown>>): boolean {
  return configured || body['drop_params'] === true;
}

/**
 * Merges `extra_body` (from the request or the deployment) into the provider body, as
 * the OpenAI SDK and LiteLLM do: the escape hatch for provider-native fields the
 * translation does not know (Anthropic `top_k`, Gemini `safetySettings` …).
 */
export function applyExtraBody(request: Record<string, unknown>, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const extra = body['extra_body'];
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) Object.assign(request, extra);
  return request;
}
