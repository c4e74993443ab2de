import { describe, expect, it } from 'vitest';
import { durationToMs, headerValue, retryAfterMs } from '../../../../runtime/providers/shared/retry-after.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('retryAfterMs', () => {
  it.each([
    ['retry-after-ms (float ms)', { 'retry-after-ms': '1500.5' }, 1501],
    ['retry-after-ms wins over retry-after', { 'retry-after-ms': '20', 'retry-after': '30' }, 20],
    ['retry-after seconds', { 'retry-after': '30' }, 30_000],
    ['retry-after fractional seconds', { 'retry-after': '0.25' }, 250],
    ['retry-after HTTP date', { 'retry-after': 'Thu, 01 Jan 2026 00:00:41 GMT' }, 41_000],
    ['a date in the past means no wait', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    ['retry-after-ms 0 means no wait (retry-after is not consulted)', { 'retry-after-ms': '0', 'retry-after': '2' }, 0],
    ['retry-after 0 means no wait', { 'retry-after': '0' }, 0],
    ['a negative retry-after-ms is ignored', { 'retry-after-ms': '-5', 'retry-after': '2' }, 2000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['repeated header: first value', { 'retry-after': ['3', '9'] }, 3000],
    ['upper-case header name', { 'Retry-After': '4' }, 4000],
    ['nothing', {}, undefined],
  ])('%s', (_name, headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});

describe('helpers', () => {
  it('reads headers case-insensitively', () => {
    expect(headerValue({ 'X-Should-Retry': 'false' }, 'x-should-retry')).toBe('false');
  });

  it.each([['41s', 41_000], ['0.5s', 500], ['0s', undefined], ['41', undefined], [41, undefined]])('durationToMs(%s)', (input, expected) => {
    expect(durationToMs(input)).toBe(expected);
  });
});
