/** How an upstream HTTP status reads in OpenAI's and LiteLLM's vocabulary. */
export interface StatusClassification {
  /** Status to return to the client (529 becomes 503: OpenAI clients do not know 529). */
  readonly status: number;
  /** OpenAI error `type`. */
  readonly type: string;
  /** LiteLLM exception class name (keys retry_policy / allowed_fails_policy). */
  readonly errorClass: string;
  /** Whether another attempt may succeed (providers.md §8, "proxy action"). */
  readonly retryable: boolean;
}

const TABLE: Readonly<Record<number, StatusClassification>> = {
  400: { status: 400, type: 'invalid_request_error', errorClass: 'BadRequestError', retryable: false },
  401: { status: 401, type: 'authentication_error', errorClass: 'AuthenticationError', retryable: false },
  402: { status: 402, type: 'insufficient_quota', errorClass: 'BadRequestError', retryable: false },
  403: { status: 403, type: 'permission_error', errorClass: 'PermissionDeniedError', retryable: false },
  404: { status: 404, type: 'invalid_request_error', errorClass: 'NotFoundError', retryable: false },
  408: { status: 408, type: 'timeout', errorClass: 'Timeout', retryable: true },
  409: { status: 409, type: 'server_error', errorClass: 'APIError', retryable: true },
  413: { status: 413, type: 'invalid_request_error', errorClass: 'BadRequestError', retryable: false },
  422: { status: 422, type: 'invalid_request_error', errorClass: 'UnprocessableEntityError', retryable: false },
  429: { status: 429, type: 'rate_limit_error', errorClass: 'RateLimitError', retryable: true },
  500: { status: 500, type: 'server_error', errorClass: 'InternalServerError', retryable: true },
  502: { status: 502, type: 'server_error', errorClass: 'BadGatewayError', retryable: true },
  503: { status: 503, type: 'server_error', errorClass: 'ServiceUnavailableError', retryable: true },
  // A gateway timeout is LiteLLM's Timeout, whose status is 408 (its exception mapper raises
  // litellm.Timeout for an upstream 504; reference §7.10 maps Timeout to 408).
  504: { status: 408, type: 'timeout', errorClass: 'Timeout', retryable: true },
  // Anthropic's "overloaded for everyone": LiteLLM raises InternalServerError; clients see 503.
  529: { status: 503, type: 'server_error', errorClass: 'InternalServerError', retryable: true },
};

/**
 * Classifies an upstream status per providers.md §8, for every adapter (OpenAI-shaped and
 * translating). Unlisted 4xx are client errors (not retried); unlisted 5xx are LiteLLM's
 * APIError carrying the upstream status (its exception mapper's catch-all, §7.10), retried;
 * anything else an APIError returned as 500.
 */
export function classifyStatus(status: number): StatusClassification {
  const known = TABLE[status];
  if (known) return known;
  if (status >= 400 && status < 500) return { status, type: 'invalid_request_error', errorClass: 'BadRequestError', retryable: false };
  if (status >= 500 && status < 600) return { status, type: 'server_error', errorClass: 'APIError', retryable: true };
  return { status: 500, type: 'server_error', errorClass: 'APIError', retryable: true };
}

/** Provider messages that mean the prompt did not fit the model's context window. */
const CONTEXT_WINDOW_PATTERNS: readonly RegExp[] = [
  /prompt is too long/i,
  /context (length|window)/i,
  /maximum context/i,
  /input (token count|is too long|too long)/i,
  /exceeds the maximum number of tokens/i,
  /too many tokens/i,
];

/** True when an error message says the request exceeded the context window (LiteLLM ContextWindowExceededError). */
export function isContextWindowMessage(message: string): boolean {
  return CONTEXT_WINDOW_PATTERNS.some((pattern) => pattern.test(message));
}
