/**
 * Startup and shutdown steps `litegate serve` and a built bundle (`node server.mjs`) share,
 * so the two behave alike: the --port and --log-format checks, --workers (node:cluster), the
 * note for each deployment left out of the plan, and stopping on SIGINT/SIGTERM. Each caller
 * keeps its own line prefix (`litegate serve`, `litegate`) and its own messages.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { RoutingPlan } from '../plan/routing-plan.ts';
import type { LogFormat } from '../../runtime/server/logger.ts';
import { isClusterWorker, parseWorkerCount, releaseWorkerOnShutdown, runClusterPrimary } from '../../runtime/server/cluster.ts';
import type { FailCommand } from './parse-command-line.ts';

/** The flags `serve` and `node server.mjs` both take (each adds its own), for parseCommandLine. */
export const proxyServerFlags = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  'log-format': { type: 'string' },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** The port to listen on: 4000 when none is given, undefined when `text` is not a port number. */
export function parsePort(text: string | undefined): number | undefined {
  const port = text === undefined ? 4000 : Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}

/** --log-format, defaulting to pretty on a terminal and json otherwise (log shippers); `{ error }` when unknown. */
export function parseLogFormat(value: string | undefined): LogFormat | { readonly error: string } {
  const format = value ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty' && format !== 'json' && format !== 'silent') return { error: `--log-format must be pretty, json or silent, got '${format}'` };
  return format;
}

/**
 * --workers N (runtime/server/cluster.ts). In the primary, runs the supervisor and resolves
 * with its exit code; a bad count fails with the usage text. In a worker (which re-runs the
 * same command line) resolves undefined: the caller goes on as an ordinary single-process server.
 */
export async function runWorkers(text: string, help: string, fail: FailCommand, log?: (line: string) => void): Promise<number | undefined> {
  const workers = parseWorkerCount(text);
  if (typeof workers !== 'number') return fail(`${workers.error}\n\n${help}`, 2);
  if (!isClusterWorker()) return runClusterPrimary(log ? { workers, log } : { workers });
  releaseWorkerOnShutdown();
  return undefined;
}

/** One stderr line per model_list entry the plan left out (a provider litegate does not serve). */
export function reportSkippedDeployments(plan: RoutingPlan, prefix: string): void {
  for (const skipped of plan.unsupported ?? []) {
    process.stderr.write(`${prefix}: skipping model_list[${skipped.index}] '${skipped.group}' (${skipped.model}): ${skipped.reason}\n`);
  }
}

/** Resolves with exit code 0 once SIGINT or SIGTERM has arrived and `close` has finished; a second signal is ignored. */
export function untilShutdownSignal(prefix: string, close: () => Promise<void>): Promise<number> {
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${prefix}: ${signal} received, shutting down\n`);
      void close().then(() => done(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
