import { describe, expect, it } from 'vitest';
import { appendPath, checkUnsupportedParams, mergeDeploymentParams } from '../../../../runtime/providers/shared/request-params.ts';
import { classifyStatus } from '../../../../runtime/providers/shared/status-classification.ts';
import { failureOf } from './adapter-fixtures.ts';

describe('mergeDeploymentParams', () => {
  it('uses deployment params as defaults the client overrides, and keeps routing keys out of the body', () => {
    const merged = mergeDeploymentParams(
      { model: 'group', temperature: 0.1, max_tokens: null },
      { temperature: 0.9, max_tokens: 100, top_k: 5, api_key: 'secret', rpm: 10, timeout: 30, extra_headers: { 'x-team': 'a', 'x-n': 1 } },
    );
    expect(merged.body).toEqual({ model: 'group', temperature: 0.1, max_tokens: 100, top_k: 5 });
    expect(merged.extraHeaders).toEqual({ 'x-team': 'a', 'x-n': '1' });
  });
});

describe('checkUnsupportedParams', () => {
  const supported = new Set(['temperature']);
  const options = { provider: 'anthropic', model: 'claude-x', dropParams: false };

  it('ignores non-OpenAI keys and unset values', () => {
    expect(checkUnsupportedParams({ model: 'x', messages: [], top_k: 3, seed: null }, supported, options)).toEqual([]);
  });

  it('throws LiteLLM\'s UnsupportedParamsError (400) naming every unsupported parameter', () => {
    const error = failureOf(() => checkUnsupportedParams({ seed: 1, logprobs: true, temperature: 1 }, supported, options));
    expect(error).toMatchObject({ status: 400, errorClass: 'UnsupportedParamsError', code: 'unsupported_parameter', param: 'seed', retryable: false });
    expect(error.message).toMatch(/^litellm\.UnsupportedParamsError: anthropic does not support parameters: \['seed', 'logprobs'\], for model=claude-x\. To drop these/);
  });

  it('returns the names to drop when drop_params is on', () => {
    expect(checkUnsupportedParams({ seed: 1 }, supported, { ...options, dropParams: true })).toEqual(['seed']);
  });
});

describe('appendPath', () => {
  it.each([
    ['https://h', '/v1/messages', 'https://h/v1/messages'],
    ['https://h/', '/v1/messages', 'https://h//v1/messages'],
    ['https://h/v1/messages', '/v1/messages', 'https://h/v1/messages'],
  ])('%s + %s', (base, suffix, expected) => {
    expect(appendPath(base, suffix)).toBe(expected);
  });
});

describe('classifyStatus', () => {
  it.each([
    [400, 400, 'BadRequestError', false],
    [401, 401, 'AuthenticationError', false],
    [404, 404, 'NotFoundError', false],
    [408, 408, 'Timeout', true],
    [418, 418, 'BadRequestError', false],
    [429, 429, 'RateLimitError', true],
    [500, 500, 'InternalServerError', true],
    [502, 502, 'BadGatewayError', true],
    [503, 503, 'ServiceUnavailableError', true],
    [504, 408, 'Timeout', true],
    [529, 503, 'InternalServerError', true],
    [599, 599, 'APIError', true],
    [302, 500, 'APIError', true],
  ])('%i → %i %s retryable=%s', (status, clientStatus, errorClass, retryable) => {
    expect(classifyStatus(status)).toMatchObject({ status: clientStatus, errorClass, retryable });
  });
});
