import { describe, expect, it } from 'vitest';
import { SpendQueue, type SpendLogRow } from '../../../runtime/store/spend-queue.ts';

function row(requestId: string, apiKey = 'a', spend = 1): SpendLogRow {
  const time = new Date(0);
  return {
    requestId,
    callType: 'acompletion',
    apiKey,
    spend,
    promptTokens: 1,
    completionTokens: 1,
    startTime: time,
    endTime: time,
    model: 'm',
    modelId: null,
    modelGroup: null,
    provider: null,
    status: 'success',
    statusCode: 200,
    cacheHit: false,
  };
}

describe('SpendQueue', () => {
  it('sums spend per key and hands everything over as one batch', () => {
    const queue = new SpendQueue();
    queue.add('a', 0.5, row('1'));
    queue.add('a', 0.25, row('2'));
    queue.add('b', 1, undefined);
    queue.add('c', 0, row('3', 'c'));
    const batch = queue.take()!;
    expect([...batch.spend]).toEqual([
      ['a', 0.75],
      ['b', 1],
    ]);
    expect(batch.logs.map((log) => log.requestId)).toEqual(['1', '2', '3']);
    expect(queue.take()).toBeUndefined();
  });

  it('counts a batch being written as pending until it is done', () => {
    const queue = new SpendQueue();
    queue.add('a', 2, undefined);
    const batch = queue.take()!;
    queue.add('a', 1, undefined);
    expect(queue.pendingSpend('a')).toBe(3);
    queue.done(batch);
    expect(queue.pendingSpend('a')).toBe(1);
  });

  it('puts a failed batch back in front of what arrived meanwhile, losing nothing', () => {
    const queue = new SpendQueue();
    queue.add('a', 2, row('1'));
    const batch = queue.take()!;
    queue.add('a', 1, row('2'));
    queue.add('b', 4, row('3', 'b'));
    queue.failed(batch);
    const retry = queue.take()!;
    expect(Object.fromEntries(retry.spend)).toEqual({ a: 3, b: 4 });
    expect(retry.logs.map((log) => log.requestId)).toEqual(['1', '2', '3']);
    queue.done(retry);
    expect(queue.empty).toBe(true);
  });

  it('bounds log rows by dropping the oldest, and never drops spend', () => {
    const queue = new SpendQueue(2);
    for (let index = 1; index <= 5; index++) queue.add('a', 1, row(String(index)));
    expect(queue.droppedLogRows).toBe(3);
    const batch = queue.take()!;
    expect(batch.logs.map((log) => log.requestId)).toEqual(['4', '5']);
    expect(batch.spend.get('a')).toBe(5);
    queue.add('a', 1, row('6'));
    queue.failed(batch);
    expect(queue.pendingLogRows).toBe(2);
    expect(queue.droppedLogRows).toBe(4);
    expect(queue.pendingSpend('a')).toBe(6);
  });
});
