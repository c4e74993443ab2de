/**
 * Rewrites the arguments of `net.Server#listen` so the server binds 127.0.0.1 whatever
 * host it asked for. The Portkey gateway calls `listen(port, undefined, cb)` and so
 * listens on every interface; the benchmark must keep all traffic on loopback.
 * Pure, so the unit tests can pin each call form `listen` accepts. Also the one way the
 * benchmark's own servers (fixed upstream, bare pass-through) start on loopback.
 */

import type { AddressInfo, Server } from 'node:net';

/** The loopback host every rewritten listen binds. */
export const LOOPBACK_HOST = '127.0.0.1';

function isPort(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

/**
 * Returns `listen` arguments equivalent to `args` but bound to 127.0.0.1. Unix socket
 * paths, handles and file descriptors are returned unchanged (they are not TCP).
 */
export function forceLoopbackListenArgs(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first === undefined || first === null || typeof first === 'function') {
    // listen() / listen(cb): an ephemeral port on every interface.
    return [0, LOOPBACK_HOST, ...(typeof first === 'function' ? [first] : []), ...rest];
  }
  if (isPort(first)) {
    const [second, ...after] = rest;
    // listen(port, host?, backlog?, cb?): the host slot is a string, or absent/undefined.
    if (second === undefined || second === null || typeof second === 'string') return [first, LOOPBACK_HOST, ...after];
    // listen(port, backlog?, cb?) / listen(port, cb): no host given, insert one.
    return [first, LOOPBACK_HOST, ...rest];
  }
  if (typeof first === 'object') {
    const options = first as Record<string, unknown>;
    if (options.path !== undefined || options.fd !== undefined || options.handle !== undefined || options._handle !== undefined) return [...args];
    if ('port' in options || Object.keys(options).length === 0 || 'host' in options) {
      return [{ ...options, host: LOOPBACK_HOST }, ...rest];
    }
  }
  // A string that is not a port is a Unix socket path; anything else is a handle.
  return [...args];
}

/** Starts `server` on 127.0.0.1 (`port` 0: any free port) and resolves with the bound port. */
export async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
