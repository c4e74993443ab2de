import { describe, expect, it } from 'vitest';
import { reportedOwnTimeNs } from './sequential-client.ts';

describe('reportedOwnTimeNs', () => {
  it("reads litegate's x-litellm-overhead-duration-ms (milliseconds) as nanoseconds", () => {
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': '0.042' })).toBe(42_000);
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': '12.5' })).toBe(12_500_000);
  });

  it('ignores a missing, repeated, empty, negative or non-numeric header', () => {
    expect(reportedOwnTimeNs({})).toBeUndefined();
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': ['1', '2'] })).toBeUndefined();
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': ' ' })).toBeUndefined();
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': '-1' })).toBeUndefined();
    expect(reportedOwnTimeNs({ 'x-litellm-overhead-duration-ms': 'fast' })).toBeUndefined();
  });
});
