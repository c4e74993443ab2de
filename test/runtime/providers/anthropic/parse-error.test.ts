import { describe, expect, it } from 'vitest';
import anthropic from '../../../../runtime/providers/anthropic/adapter.ts';

function body(type: string, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'error', error: { type, message, ...extra }, request_id: 'req_1' });
}

describe('anthropic parseError', () => {
  it.each([
    ['400 invalid request', 400, body('invalid_request_error', 'messages: roles must alternate'), { status: 400, type: 'invalid_request_error', errorClass: 'BadRequestError', code: null, retryable: false }],
    ['400 prompt too long', 400, body('invalid_request_error', 'prompt is too long: 210266 tokens > 200000 maximum'), { status: 400, errorClass: 'ContextWindowExceededError', code: 'context_length_exceeded', retryable: false }],
    ['400 content filtering', 400, body('invalid_request_error', 'Output blocked by content filtering policy'), { status: 400, errorClass: 'ContentPolicyViolationError', retryable: false }],
    ['401 bad key', 401, body('authentication_error', 'invalid x-api-key'), { status: 401, type: 'authentication_error', errorClass: 'AuthenticationError', code: 'invalid_api_key', retryable: false }],
    ['403 permission', 403, body('permission_error', 'no access'), { status: 403, errorClass: 'PermissionDeniedError', retryable: false }],
    ['404 unknown model', 404, body('not_found_error', 'model: claude-9'), { status: 404, errorClass: 'NotFoundError', code: 'model_not_found', retryable: false }],
    ['413 too large', 413, body('request_too_large', 'Request exceeds the maximum size'), { status: 413, errorClass: 'BadRequestError', retryable: false }],
    ['429 rate limit', 429, body('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), { status: 429, type: 'rate_limit_error', errorClass: 'RateLimitError', code: 'rate_limit_exceeded', retryable: true }],
    ['429 spend limit is final', 429, body('rate_limit_error', 'spend limit', { details: { error_code: 'enforced_spend_limit_reached' } }), { status: 429, errorClass: 'RateLimitError', code: 'insufficient_quota', retryable: false }],
    ['500 api error', 500, body('api_error', 'Internal server error'), { status: 500, type: 'server_error', errorClass: 'InternalServerError', retryable: true }],
    ['504 timeout', 504, body('timeout_error', 'took too long'), { status: 408, errorClass: 'Timeout', retryable: true }],
    ['529 overloaded shown as 503', 529, body('overloaded_error', 'Overloaded'), { status: 503, errorClass: 'InternalServerError', retryable: true }],
    ['non-JSON gateway page', 502, '<html>Bad Gateway</html>', { status: 502, errorClass: 'BadGatewayError', retryable: true }],
  ])('%s', (_name, status, text, expected) => {
    expect(anthropic.parseError(status, text, {})).toMatchObject(expected);
  });

  it('reads the message and names the provider as LiteLLM does', () => {
    expect(anthropic.parseError(429, body('rate_limit_error', 'slow down'), {}).message).toBe('litellm.RateLimitError: AnthropicException - slow down');
  });

  it.each([
    ['retry-after seconds', { 'retry-after': '7' }, 7000],
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '7' }, 250],
    ['no header', {}, undefined],
  ])('retryAfterMs from %s', (_name, headers, expected) => {
    expect(anthropic.parseError(429, body('rate_limit_error', 'x'), headers).retryAfterMs).toBe(expected);
  });

  it('honours x-should-retry: false', () => {
    expect(anthropic.parseError(500, body('api_error', 'x'), { 'x-should-retry': 'false' }).retryable).toBe(false);
  });
});
