import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { createLoopbackFetch, isLoopbackUrl } from './loopback-fetch.ts';
import { forceLoopbackListenArgs, LOOPBACK_HOST } from './loopback-listen.ts';

const callback = (): void => {};

describe('forceLoopbackListenArgs', () => {
  it.each([
    ['listen(port)', [8787], [8787, LOOPBACK_HOST]],
    ['listen(port, undefined, cb) as @hono/node-server calls it', [8787, undefined, callback], [8787, LOOPBACK_HOST, callback]],
    ['listen(port, "0.0.0.0", cb)', [8787, '0.0.0.0', callback], [8787, LOOPBACK_HOST, callback]],
    ['listen(port, "::", backlog, cb)', [8787, '::', 511, callback], [8787, LOOPBACK_HOST, 511, callback]],
    ['listen(port, cb)', [8787, callback], [8787, LOOPBACK_HOST, callback]],
    ['listen(port, backlog, cb)', [8787, 511, callback], [8787, LOOPBACK_HOST, 511, callback]],
    ['listen("8787", cb) with a numeric string', ['8787', callback], ['8787', LOOPBACK_HOST, callback]],
    ['listen()', [], [0, LOOPBACK_HOST]],
    ['listen(cb)', [callback], [0, LOOPBACK_HOST, callback]],
  ])('%s binds 127.0.0.1', (_name, args, expected) => {
    expect(forceLoopbackListenArgs(args)).toEqual(expected);
  });

  it('overrides the host of an options object and keeps the rest', () => {
    expect(forceLoopbackListenArgs([{ port: 1, host: '0.0.0.0', exclusive: true }, callback])).toEqual([{ port: 1, host: LOOPBACK_HOST, exclusive: true }, callback]);
    expect(forceLoopbackListenArgs([{ port: 1 }])).toEqual([{ port: 1, host: LOOPBACK_HOST }]);
  });

  it('leaves Unix sockets and handles alone', () => {
    expect(forceLoopbackListenArgs(['/tmp/x.sock', callback])).toEqual(['/tmp/x.sock', callback]);
    expect(forceLoopbackListenArgs([{ path: '/tmp/x.sock' }])).toEqual([{ path: '/tmp/x.sock' }]);
    expect(forceLoopbackListenArgs([{ fd: 3 }])).toEqual([{ fd: 3 }]);
  });
});

describe('Portkey preload', () => {
  it('makes a server that asks for every interface listen on 127.0.0.1 only', async () => {
    const preload = pathToFileURL(join(import.meta.dirname, 'portkey-loopback-preload.ts')).href;
    const script = "const s = require('node:http').createServer(); s.listen(0, undefined, () => { console.log(JSON.stringify(s.address())); s.close(); });";
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', preload, '-e', script], { timeout: 15_000 });
    expect(JSON.parse(stdout)).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });
});

describe('createLoopbackFetch', () => {
  it('recognises loopback hosts', () => {
    expect(isLoopbackUrl(new URL('http://127.0.0.1:9/v1'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://127.10.0.3/'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://localhost/'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://[::1]:80/'))).toBe(true);
    expect(isLoopbackUrl(new URL('https://1.1.1.1/dns-query'))).toBe(false);
    expect(isLoopbackUrl(new URL('http://127.0.0.1.example.com/'))).toBe(false);
  });

  it('refuses non-loopback requests without sending them', async () => {
    const original = vi.fn<typeof fetch>();
    const guarded = createLoopbackFetch(original);
    await expect(guarded('https://api.openai.com/v1/chat/completions')).rejects.toThrow(/non-loopback/);
    expect(original).not.toHaveBeenCalled();
  });

  it('passes JSON responses through as they are', async () => {
    const response = Response.json({ ok: true });
    const guarded = createLoopbackFetch(async () => response);
    expect(await guarded('http://127.0.0.1:1/v1/chat/completions')).toBe(response);
  });

  it('gives streamed responses mutable headers with the same status, headers and body', async () => {
    const upstream = new Response('data: 1\n\n', { status: 200, headers: { 'content-type': 'text/event-stream', 'x-upstream': 'yes' } });
    // fetch() responses have an immutable header guard: emulate one.
    Object.defineProperty(upstream, 'headers', { value: Object.freeze(upstream.headers) });
    const guarded = createLoopbackFetch(async () => upstream);
    const response = await guarded(new Request('http://127.0.0.1:1/v1/chat/completions'));
    expect(response).not.toBe(upstream);
    response.headers.append('x-portkey-trace-id', 't');
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.get('x-portkey-trace-id')).toBe('t');
    expect(await response.text()).toBe('data: 1\n\n');
  });
});
