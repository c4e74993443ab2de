/**
 * Preloaded into the Portkey gateway (`node --import ./portkey-loopback-preload.ts …`)
 * before its own code runs:
 * - its server binds 127.0.0.1 instead of every interface (net.Server#listen, which
 *   http.Server inherits, gets the loopback host; see loopback-listen.ts);
 * - its outgoing fetch stays on loopback, and streamed responses get mutable headers so
 *   Portkey's streaming path works on current @hono/node-server (see loopback-fetch.ts).
 */
import { Server } from 'node:net';
import { createLoopbackFetch } from './loopback-fetch.ts';
import { forceLoopbackListenArgs } from './loopback-listen.ts';

const originalListen = Server.prototype.listen;
Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]): Server {
  return (originalListen as (...a: unknown[]) => Server).apply(this, forceLoopbackListenArgs(args));
} as typeof Server.prototype.listen;

globalThis.fetch = createLoopbackFetch(globalThis.fetch);
