import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../../runtime/upstream/upstream-client.ts';
import { isAbort } from '../../../runtime/upstream/upstream-error.ts';
import { sendJson, startFakeUpstream, type FakeUpstream } from '../server/fake-upstream.ts';

let fake: FakeUpstream;
let client: UpstreamClient;

beforeAll(async () => {
  fake = await startFakeUpstream();
  client = new UpstreamClient();
});

afterAll(async () => {
  await client.close();
  await fake.close();
});

const call = (signal?: AbortSignal, timeoutMs = 5000) =>
  client.sendBuffered({ method: 'POST', url: `${fake.url}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, timeoutMs, signal);

describe('UpstreamClient.sendBuffered', () => {
  it('collects a body written in several chunks into one buffer, with status and headers', async () => {
    fake.handle = (_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      response.write('{"part":');
      setTimeout(() => response.end('"two"}'), 20);
    };
    const response = await call();
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-request-id']).toBe('r-1');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ part: 'two' });
    expect(fake.requests.at(-1)!.body).toEqual({ a: 1 });
  });

  it('resolves an error status whose body breaks off with what arrived', async () => {
    fake.handle = (_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"error":');
      setTimeout(() => response.destroy(), 20);
    };
    const response = await call();
    expect(response.statusCode).toBe(500);
    expect(response.body.toString('utf8')).toBe('{"error":');
  });

  it('rejects a 200 whose body breaks off (the answer is incomplete)', async () => {
    fake.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"id":');
      setTimeout(() => response.destroy(), 20);
    };
    await expect(call()).rejects.toThrow();
  });

  it('rejects with an abort at once when the signal fires mid-call, and with a timeout code when headers never come', async () => {
    fake.handle = () => {
      // never answers
    };
    const controller = new AbortController();
    const pending = call(controller.signal);
    setTimeout(() => controller.abort(), 30);
    const aborted = await pending.then(() => undefined, (error: unknown) => error);
    expect(isAbort(aborted)).toBe(true);
    const timedOut = await call(undefined, 100).then(() => undefined, (error: unknown) => error);
    expect((timedOut as { code?: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });

  it('does not send a request whose signal was already aborted', async () => {
    fake.handle = (_request, response) => sendJson(response, 200, { ok: true });
    const before = fake.requests.length;
    const controller = new AbortController();
    controller.abort();
    const error = await call(controller.signal).then(() => undefined, (e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests.length).toBe(before);
  });
});
