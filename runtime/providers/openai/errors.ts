/**
 * Upstream error normalisation for OpenAI-shaped providers: parse the body defensively
 * (OpenAI/Azure/DeepSeek `{"error":{…}}`, vLLM's flat `{"object":"error",…}`, OpenRouter's
 * numeric code, a bare string), then hand it to the normaliser every adapter shares
 * (shared/upstream-error.ts: status → LiteLLM class per §7.10, retry decision per
 * providers.md §8, `retry-after-ms` / `retry-after`).
 */
import type { NormalizedError } from '../adapter.ts';
import type { HeaderBag } from '../shared/retry-after.ts';
import { bodyExcerpt, upstreamError } from '../shared/upstream-error.ts';

function stringOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Display name LiteLLM uses in messages: `OpenAIException - …`. */
export function providerExceptionName(provider: string): string {
  const names: Record<string, string> = { openai: 'OpenAI', azure: 'Azure', deepseek: 'Deepseek', xai: 'XAI', openrouter: 'OpenRouter' };
  return `${names[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1)}Exception`;
}

/** Normalises a non-2xx reply from an OpenAI-shaped provider. */
export function parseOpenAiError(provider: string, status: number, body: string, headers: HeaderBag): NormalizedError {
  // Not JSON (an HTML error page from a gateway, say): a bounded excerpt of the text.
  let message = bodyExcerpt(body);
  let type: string | undefined;
  let code: string | null = null;
  let param: string | null = null;
  try {
    let parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) parsed = parsed[0];
    if (typeof parsed === 'object' && parsed !== null) {
      const root = parsed as Record<string, unknown>;
      const error = typeof root.error === 'object' && root.error !== null ? (root.error as Record<string, unknown>) : root;
      if (typeof root.error === 'string') message = root.error;
      else if (typeof error.message === 'string') message = error.message;
      if (typeof error.type === 'string') type = error.type;
      code = stringOrNull(error.code);
      param = stringOrNull(error.param);
    }
  } catch {
    // Keep the excerpt.
  }
  // The provider's own code decides the special 400s; without one, the shared normaliser
  // reads the message as LiteLLM's exception mapper does.
  let errorClass: string | undefined;
  if (code === 'context_length_exceeded') errorClass = 'ContextWindowExceededError';
  else if (code === 'content_filter' || code === 'content_policy_violation') errorClass = 'ContentPolicyViolationError';
  // An exhausted quota is a 429 that no retry or other key of the same account fixes.
  const quota = code === 'insufficient_quota' || type === 'insufficient_quota';
  return upstreamError(
    status,
    {
      exception: providerExceptionName(provider),
      message,
      code,
      param,
      ...(errorClass !== undefined && status === 400 ? { errorClass } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(quota ? { retryable: false } : {}),
    },
    headers,
  );
}
