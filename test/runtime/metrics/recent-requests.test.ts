import { describe, expect, it } from 'vitest';
import { RecentRequests } from '../../../runtime/metrics/recent-requests.ts';
import type { RequestRecord } from '../../../runtime/metrics/request-recorder.ts';

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    time: 1_700_000_000_123,
    callId: 'call-1',
    operation: 'chat',
    stream: false,
    model: 'chat',
    group: 'chat',
    deploymentId: 'dep-1',
    provider: 'openai',
    status: 200,
    latencyMs: 12.5,
    upstreamMs: 10.25,
    promptTokens: 19,
    completionTokens: 12,
    cost: 0.000123,
    retries: 0,
    fallbacks: 0,
    error: undefined,
    cacheHit: false,
    ...overrides,
  };
}

describe('RecentRequests', () => {
  it('gives back every field as written, unknown numbers as undefined', () => {
    const ring = new RecentRequests(4);
    const full = record({ stream: true, cacheHit: true, retries: 2, fallbacks: 1, status: 499, error: 'ClientDisconnectedError', operation: 'embedding' });
    const sparse = record({ callId: 'call-2', model: undefined, group: undefined, deploymentId: undefined, provider: undefined, upstreamMs: undefined, promptTokens: undefined, completionTokens: undefined, cost: undefined });
    ring.push(full);
    ring.push(sparse);
    expect(ring.latest()).toEqual([sparse, full]);
  });

  it('keeps the latest `capacity` records, newest first, and counts every one', () => {
    const ring = new RecentRequests(3);
    for (let i = 1; i <= 7; i++) ring.push(record({ callId: `call-${i}`, latencyMs: i }));
    expect(ring.total).toBe(7);
    expect(ring.latest().map((entry) => entry.callId)).toEqual(['call-7', 'call-6', 'call-5']);
    expect(ring.latest(2).map((entry) => entry.latencyMs)).toEqual([7, 6]);
    expect(new RecentRequests(3).latest()).toEqual([]);
  });

  it('keeps a zero cost and zero tokens apart from unknown ones', () => {
    const ring = new RecentRequests(1);
    ring.push(record({ cost: 0, promptTokens: 0, completionTokens: 0, upstreamMs: 0 }));
    expect(ring.latest()[0]).toMatchObject({ cost: 0, promptTokens: 0, completionTokens: 0, upstreamMs: 0 });
  });
});
