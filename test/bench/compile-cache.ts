/**
 * Every benchmark process runs with Node's compile cache, warmed before anything is measured.
 * A TypeScript entry (the fixed upstream, the bare pass-through, litegate) started with a cold
 * cache is type-stripped, which keeps Node's stripper resident for as long as the process runs
 * (the bare pass-through: 89 MB at start and 171 MB at peak without it in the cache, 75 and
 * 143 MB with it); that would be charged to whichever rows happened to start cold.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUpstream, type StartedServer } from './bench-servers.ts';

/** Starts one system under test in front of the upstream at `apiBase`. */
export type StartServer = (apiBase: string) => Promise<StartedServer>;

/**
 * Points every child at Node's compile cache (NODE_COMPILE_CACHE, Node's own default
 * directory unless set; litegate's launcher uses the same) and starts the fixed upstream and
 * each of `servers` once, so the cache holds their modules. Node keeps one cache per set of
 * V8 flags (`--no-maglev` makes another), so every variant the benchmark runs is started, not
 * one per script. A child writes the cache when it exits; litegate also once it listens.
 */
export async function warmCompileCache(servers: readonly StartServer[]): Promise<void> {
  process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'node-compile-cache');
  const upstream = await startUpstream();
  try {
    for (const start of servers) {
      const server = await start(upstream.apiBase);
      await server.child.stop();
    }
  } finally {
    await upstream.child.stop();
  }
}
