import { describe, expect, it } from 'vitest';
import gemini from '../../../../runtime/providers/gemini/adapter.ts';

function body(code: number, status: string, message: string, details: unknown[] = []): string {
  return JSON.stringify({ error: { code, message, status, details } });
}

describe('gemini parseError', () => {
  it.each([
    ['400 invalid argument', 400, body(400, 'INVALID_ARGUMENT', 'Invalid value at contents'), { status: 400, errorClass: 'BadRequestError', type: 'invalid_request_error', retryable: false }],
    ['400 API_KEY_INVALID is an authentication error', 400, body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]), { status: 401, errorClass: 'AuthenticationError', code: 'invalid_api_key', retryable: false }],
    ['400 context too long', 400, body(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'), { status: 400, errorClass: 'ContextWindowExceededError', code: 'context_length_exceeded' }],
    ['403 permission', 403, body(403, 'PERMISSION_DENIED', 'denied'), { status: 403, errorClass: 'PermissionDeniedError' }],
    ['404 model', 404, body(404, 'NOT_FOUND', 'models/x is not found for API version v1beta'), { status: 404, errorClass: 'NotFoundError', code: 'model_not_found' }],
    ['429 quota', 429, body(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota'), { status: 429, errorClass: 'RateLimitError', code: 'rate_limit_exceeded', retryable: true }],
    ['500 internal', 500, body(500, 'INTERNAL', 'An internal error has occurred'), { status: 500, errorClass: 'InternalServerError', retryable: true }],
    ['503 overloaded', 503, body(503, 'UNAVAILABLE', 'The model is overloaded.'), { status: 503, errorClass: 'ServiceUnavailableError', retryable: true }],
    ['504 deadline', 504, body(504, 'DEADLINE_EXCEEDED', 'Deadline exceeded'), { status: 408, errorClass: 'Timeout', retryable: true }],
    ['array-wrapped error', 429, `[${body(429, 'RESOURCE_EXHAUSTED', 'quota')}]`, { status: 429, errorClass: 'RateLimitError' }],
    ['plain text', 502, 'upstream connect error', { status: 502, errorClass: 'BadGatewayError', message: 'litellm.BadGatewayError: GeminiException - upstream connect error' }],
  ])('%s', (_name, status, text, expected) => {
    expect(gemini.parseError(status, text, {})).toMatchObject(expected);
  });

  it('turns RetryInfo.retryDelay into retryAfterMs when no header says otherwise', () => {
    const text = body(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' }]);
    expect(gemini.parseError(429, text, {}).retryAfterMs).toBe(41_000);
    expect(gemini.parseError(429, text, { 'retry-after': '2' }).retryAfterMs).toBe(2000);
  });
});
