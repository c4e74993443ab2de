/**
 * `litegate serve --workers N`: N proxy processes sharing one listening port through
 * node:cluster. The primary runs no proxy: it forks the workers (each re-runs the same
 * command line and serves normally; cluster shares the port), replaces a worker that
 * crashes, and on SIGINT/SIGTERM shuts every worker down gracefully.
 *
 * State kept in memory (rpm/tpm windows, cooldowns, the response cache) is per worker;
 * configure Redis to share it, exactly as for several instances behind a load balancer.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** True in a process forked by {@link runClusterPrimary} (it should serve, not supervise). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * Call in a worker before serving: once SIGINT or SIGTERM arrives, the IPC channel to the
 * primary stops holding the event loop open, so the worker exits by itself when serve has
 * closed its server and pools. (While serving, the channel must stay referenced: with
 * round-robin scheduling it is what delivers the connections.)
 */
export function releaseWorkerOnShutdown(): void {
  if (!cluster.isWorker) return;
  const release = (): void => {
    (process.channel as { unref?: () => void } | undefined)?.unref?.();
  };
  process.once('SIGINT', release);
  process.once('SIGTERM', release);
}

/**
 * Parses a `--workers` value: a positive integer, or `auto` for one per available CPU.
 * Returns an error message instead of a number when the value is invalid.
 */
export function parseWorkerCount(value: string, cpus: number = availableParallelism()): number | { error: string } {
  if (value === 'auto') return Math.max(1, cpus);
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(count) || count < 1 || count > 1024) {
    return { error: `--workers must be a positive integer or 'auto', got '${value}'` };
  }
  return count;
}

/** Options for {@link runClusterPrimary}. */
export interface ClusterOptions {
  readonly workers: number;
  /** Where the primary's own lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Milliseconds a worker gets to finish in-flight requests on shutdown before SIGKILL. */
  readonly shutdownGraceMs?: number;
  /**
   * Crash-restart budget: more than this many unexpected worker exits within
   * `restartWindowMs` stops the whole cluster instead of restarting forever.
   */
  readonly maxRestarts?: number;
  readonly restartWindowMs?: number;
  /** Signals that start a graceful shutdown (default SIGINT, SIGTERM). Tests pass their own. */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Runs the primary: forks `workers` workers, supervises them, and resolves with the exit
 * code once all have stopped: 0 after a requested shutdown, otherwise the failing worker's
 * code (1 when it had none). The first worker is started alone, so a config error is
 * reported once, by one worker, and nothing else is forked.
 */
export function runClusterPrimary(options: ClusterOptions): Promise<number> {
  if (!cluster.isPrimary) throw new Error('runClusterPrimary called in a cluster worker');
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const maxRestarts = options.maxRestarts ?? 5;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const signals = options.signals ?? (['SIGINT', 'SIGTERM'] as const);

  return new Promise<number>((resolve) => {
    const live = new Set<Worker>();
    const listening = new Set<Worker>();
    const recentCrashes: number[] = [];
    let stopping = false;
    let exitCode = 0;
    let announced = false;

    const finishIfDone = (): void => {
      if (!stopping || live.size > 0) return;
      for (const signal of signals) process.off(signal, onSignal);
      cluster.off('exit', onExit);
      cluster.off('listening', onListening);
      resolve(exitCode);
    };

    const shutdown = (code: number): void => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      for (const worker of live) {
        // SIGTERM runs serve's own graceful close in the worker (not worker.disconnect(): its
        // IPC message can overtake the signal and end the worker before serve closes anything).
        worker.process.kill('SIGTERM');
        const timer = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
        timer.unref();
        worker.once('exit', () => clearTimeout(timer));
      }
      finishIfDone();
    };

    function onSignal(signal: NodeJS.Signals): void {
      log(`litegate serve: ${signal} received, stopping ${live.size} worker(s)`);
      shutdown(0);
    }

    function fork(): void {
      live.add(cluster.fork());
    }

    function onListening(worker: Worker, address: { address: string; port: number }): void {
      listening.add(worker);
      if (!announced && listening.size === 1 && live.size === 1) {
        // The first worker is up, so the config compiles and the port is free: start the rest.
        for (let i = 1; i < options.workers; i++) fork();
      }
      if (!announced && listening.size >= options.workers) {
        announced = true;
        const host = address.address.includes(':') ? `[${address.address}]` : address.address;
        log(`litegate serve: ${options.workers} worker(s) listening on http://${host}:${address.port} (primary pid ${process.pid})`);
      }
    }

    function onExit(worker: Worker, code: number | null, signal: string | null): void {
      live.delete(worker);
      const everListened = listening.delete(worker);
      if (stopping) {
        finishIfDone();
        return;
      }
      if (!everListened) {
        // A worker that never listened failed at startup (config error, port in use): a
        // restart would fail the same way. Its own message is already on stderr.
        log(`litegate serve: a worker failed to start (${signal ?? `exit code ${code}`}); stopping`);
        shutdown(code && code > 0 ? code : 1);
        return;
      }
      const now = Date.now();
      recentCrashes.push(now);
      while (recentCrashes.length > 0 && (recentCrashes[0] as number) < now - restartWindowMs) recentCrashes.shift();
      if (recentCrashes.length > maxRestarts) {
        log(`litegate serve: ${recentCrashes.length} worker crashes within ${restartWindowMs / 1000} s; stopping`);
        shutdown(1);
        return;
      }
      log(`litegate serve: worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}); starting a replacement`);
      fork();
    }

    for (const signal of signals) process.on(signal, onSignal);
    cluster.on('listening', onListening);
    cluster.on('exit', onExit);
    fork();
  });
}
