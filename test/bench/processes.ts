/**
 * Child processes of the benchmark: started on the same Node (process.execPath), tracked
 * so every one of them (and its own children, e.g. cluster workers) is killed when the
 * benchmark exits, fails or is interrupted with Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

/** A started child: its process, and the tail of what it printed (for error messages). */
export interface BenchChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last few KB of stdout+stderr. */
  output(): string;
  /** Resolves with the first stdout line that parses as JSON (the bench's own servers announce their port so). */
  readonly firstJsonLine: Promise<Record<string, unknown>>;
  /** Sends SIGTERM to the child and its descendants, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<BenchChild>();
let cleanupInstalled = false;

/** Pids of all descendants of `pid`, deepest first (read from /proc, Linux only; empty elsewhere). */
export function descendantPids(pid: number): number[] {
  const result: number[] = [];
  const visit = (parent: number, depth: number): void => {
    if (depth > 8) return; // bounded: process trees here are two levels deep at most
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ')) {
        const childPid = Number(child);
        if (childPid > 0) {
          visit(childPid, depth + 1);
          result.push(childPid);
        }
      }
    }
  };
  visit(pid, 0);
  return result;
}

function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [...descendantPids(pid), pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/** Kills every child still running (SIGKILL, synchronous): used on exit and after an interrupt. */
export function killAllChildren(): void {
  for (const child of running) killTree(child.pid, 'SIGKILL');
  running.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
      killAllChildren();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Options for {@link startChild}. */
export interface StartChildOptions {
  readonly name: string;
  /** Arguments after the node executable (script, flags). */
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * Write stdout and stderr to this file instead of a pipe into the benchmark. For servers
   * that log every request: read through a pipe, each log write would wake this process,
   * which also runs the concurrency-1 client, and bill the proxy for the benchmark's reading.
   * A file is where a production log goes cheaply too (journald, a container log driver).
   * firstJsonLine is not available then; wait with waitForHttp.
   */
  readonly logFile?: string;
}

/** The last `bytes` of a file ('' when it cannot be read). */
function fileTail(path: string, bytes = 4096): string {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Spawns `node <args>` on the benchmark's own Node binary, tracked for cleanup. */
export function startChild(options: StartChildOptions): BenchChild {
  installCleanup();
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  let tail = '';
  const remember = (data: Buffer): void => {
    tail = (tail + data.toString('utf8')).slice(-4096);
  };
  let stdoutBuffer = '';
  const firstJsonLine = new Promise<Record<string, unknown>>((resolve, reject) => {
    const onData = (data: Buffer): void => {
      stdoutBuffer += data.toString('utf8');
      let newline: number;
      while ((newline = stdoutBuffer.indexOf('\n')) >= 0) {
        const line = stdoutBuffer.slice(0, newline).trim();
        stdoutBuffer = stdoutBuffer.slice(newline + 1);
        if (line.startsWith('{')) {
          try {
            resolve(JSON.parse(line) as Record<string, unknown>);
            child.stdout?.off('data', onData);
            return;
          } catch {
            // not JSON after all; keep reading
          }
        }
      }
      if (stdoutBuffer.length > 65_536) stdoutBuffer = '';
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${options.name} exited (${signal ?? code}) before announcing its port:\n${tail}`)));
  });
  // Unhandled when the caller waits for readiness another way.
  firstJsonLine.catch(() => {});
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const handle: BenchChild = {
    name: options.name,
    process: child,
    pid: child.pid,
    output: () => (options.logFile === undefined ? tail : fileTail(options.logFile)),
    firstJsonLine,
    async stop(graceMs = 3000) {
      if (child.exitCode === null && child.signalCode === null) {
        killTree(child.pid as number, 'SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) killTree(child.pid as number, 'SIGKILL');
        await exited;
      }
      // Workers orphaned by a primary that died first.
      killTree(child.pid as number, 'SIGKILL');
      running.delete(handle);
    },
  };
  running.add(handle);
  return handle;
}

/** A TCP port free on 127.0.0.1 right now (for servers that need `--port` up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Polls `url` until the server answers with any HTTP status, the child exits, or
 * `timeoutMs` passes (bounded: at most timeoutMs / 50 attempts).
 */
export async function waitForHttp(url: string, child: BenchChild, timeoutMs = 20_000): Promise<void> {
  const attempts = Math.ceil(timeoutMs / 50);
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited (${child.process.signalCode ?? child.process.exitCode}) while starting:\n${child.output()}`);
    }
    try {
      const response = await request(url, { method: 'GET', headersTimeout: 1000, bodyTimeout: 1000 });
      await response.body.dump();
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`${child.name} did not answer on ${url} within ${timeoutMs} ms:\n${child.output()}`);
}

/** Polls the child's recent output until `pattern` appears (bounded by `timeoutMs`). */
export async function waitForOutput(child: BenchChild, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const attempts = Math.ceil(timeoutMs / 50);
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (pattern.test(child.output())) return;
    if (child.process.exitCode !== null || child.process.signalCode !== null) break;
    await sleep(50);
  }
  throw new Error(`${child.name} did not print ${pattern} within ${timeoutMs} ms:\n${child.output()}`);
}
