/**
 * Maps transport failures (no HTTP status from the provider) to the normalised error the
 * router and the client see: timeouts are LiteLLM's `Timeout` (408, retryable), refused or
 * dropped connections its `APIConnectionError` (500, retryable).
 */
import type { NormalizedError } from '../providers/adapter.ts';

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : codeOf(cause);
}

/** True when the error is the abort we triggered because the client disconnected. */
export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { name?: unknown }).name === 'AbortError' || codeOf(error) === 'UND_ERR_ABORTED');
}

/** Normalises a transport error. `timeoutSeconds` is quoted in the timeout message, as LiteLLM does. */
export function transportError(error: unknown, provider: string, timeoutSeconds: number): NormalizedError {
  const code = codeOf(error);
  if (code !== undefined && timeoutCodes.has(code)) {
    return {
      status: 408,
      message: `Request timed out (no response from ${provider} within ${timeoutSeconds}s)`,
      type: 'timeout',
      code: null,
      param: null,
      errorClass: 'Timeout',
      retryable: true,
    };
  }
  const detail = code ?? (error instanceof Error ? error.message : 'unknown error');
  return {
    status: 500,
    message: `Connection error talking to ${provider} (${detail})`,
    type: 'api_connection_error',
    code: null,
    param: null,
    errorClass: 'APIConnectionError',
    retryable: true,
  };
}
