import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_BODY, CHAT_STREAM_BODY, type BenchTarget } from './bench-target.ts';
import { CANNED_COMPLETION, startFixedUpstream } from './fixed-upstream.ts';
import { SequentialClient } from './sequential-client.ts';

let server: Server;
let target: BenchTarget;

beforeAll(async () => {
  const started = await startFixedUpstream(0, { streamGapMs: 15 });
  server = started.server;
  target = { key: 'direct', label: 'direct', origin: `http://127.0.0.1:${started.port}`, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, pid: process.pid };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('fixed upstream + sequential client', () => {
  it('answers the canned completion, and the client times every request', async () => {
    const response = await fetch(`${target.origin}${target.path}`, { method: 'POST', body: CHAT_BODY });
    expect(await response.text()).toBe(CANNED_COMPLETION);
    const client = new SequentialClient(target);
    try {
      const samples = await client.run(CHAT_BODY, 20);
      expect(samples.errors).toBe(0);
      expect(samples.totalNs).toHaveLength(20);
      expect(samples.totalNs.every((ns) => ns > 0)).toBe(true);
      expect(samples.firstTokenNs).toHaveLength(0);
    } finally {
      await client.close();
    }
  });

  it('streams a first event, then the rest after the gap, ending with [DONE]', async () => {
    const response = await fetch(`${target.origin}${target.path}`, { method: 'POST', body: CHAT_STREAM_BODY });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.length).toBeGreaterThan(3);

    const client = new SequentialClient(target);
    try {
      const samples = await client.run(CHAT_STREAM_BODY, 3);
      expect(samples.errors).toBe(0);
      // Time to first token excludes the 15 ms gap; the full stream includes it.
      for (let i = 0; i < 3; i++) {
        expect(samples.totalNs[i] as number).toBeGreaterThanOrEqual(14e6);
        expect((samples.totalNs[i] as number) - (samples.firstTokenNs[i] as number)).toBeGreaterThanOrEqual(10e6);
      }
    } finally {
      await client.close();
    }
  });

  it('stops a run at its time cap even when more requests were asked for', async () => {
    const client = new SequentialClient(target);
    try {
      // Each streamed request takes >= 15 ms (the gap), so 0.1 s fits at most ~7 of them.
      const samples = await client.run(CHAT_STREAM_BODY, 1000, undefined, 0.1);
      expect(samples.totalNs.length).toBeGreaterThan(0);
      expect(samples.totalNs.length).toBeLessThan(10);
    } finally {
      await client.close();
    }
  });

  it('counts non-200 answers as errors instead of timing them', async () => {
    const client = new SequentialClient({ ...target, path: '/v1/nope' });
    try {
      const samples = await client.run(CHAT_BODY, 2);
      expect(samples.errors).toBe(2);
      expect(samples.totalNs).toHaveLength(0);
      expect(samples.firstError).toBe('HTTP 404');
    } finally {
      await client.close();
    }
  });
});
