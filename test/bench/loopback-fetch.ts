/**
 * A `fetch` wrapper preloaded into the Portkey gateway for the benchmark. It does two
 * things: refuses any request that would leave loopback (the benchmark's traffic stays on
 * 127.0.0.1, whatever the gateway might look up on its own), and re-wraps streamed
 * (text/event-stream) responses in a fresh Response whose headers are mutable.
 *
 * Why the second: Portkey 1.15.x appends its x-portkey-* headers to the upstream fetch
 * Response on the streaming path, and a fetch Response's headers are immutable, so every
 * streamed request fails with "TypeError: immutable" when @hono/node-server is newer than
 * 1.14.2 (Portkey-AI/gateway issues #1389 and #1550; the fix proposed upstream, PR #1551,
 * makes the same copy). Non-streamed responses are passed through untouched, so the
 * non-streaming figures measure Portkey as shipped.
 */

type Fetch = typeof globalThis.fetch;

/** True for URLs whose host is a loopback address or `localhost`. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function requestUrl(input: Parameters<Fetch>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/** Wraps `original` as described above. */
export function createLoopbackFetch(original: Fetch): Fetch {
  return async function loopbackFetch(input, init) {
    const url = requestUrl(input);
    if (!isLoopbackUrl(url)) {
      throw new TypeError(`benchmark: refused a non-loopback request to ${url.host}`);
    }
    const response = await original(input, init);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
  };
}
