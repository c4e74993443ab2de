/**
 * One Redis connection shared by the router's Redis-backed counters, with an availability
 * flag. When a command fails the link is marked down (logged once) and every counter falls
 * back to its local twin without touching Redis; a probe pings once a second and marks the
 * link up again (logged once) when Redis answers. Requests never wait on a dead Redis:
 * the offline queue is off and commands time out.
 */
import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/** A Lua script and its SHA1 (for EVALSHA). */
export interface Script {
  readonly text: string;
  readonly sha: string;
}

/** Prepares a Lua script for `RedisLink.script`. */
export function luaScript(text: string): Script {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

/** Where log lines about Redis go (defaults to stderr). */
export interface StateLogger {
  warn(message: string): void;
  info(message: string): void;
}

/** Where Redis is and how patiently to talk to it. */
export interface RedisLinkOptions {
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly password?: string;
  readonly db?: number;
  /** Per-command timeout; a hung Redis costs a request at most this much once. */
  readonly commandTimeoutMs?: number;
  /** How often a down link is probed. */
  readonly probeIntervalMs?: number;
  readonly logger: StateLogger;
  /** What the outage log line says happens meanwhile (default: routing on local state). */
  readonly outageEffect?: string;
  /** What the recovery log line says resumes (default: sharing routing state). */
  readonly recoveryEffect?: string;
}

/** The connection plus the up/down state every Redis-backed counter consults. */
export class RedisLink {
  readonly client: Redis;
  #up = false;
  #outageLogged = false;
  #probe: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #logger: StateLogger;
  readonly #probeIntervalMs: number;
  readonly #where: string;
  readonly #outageEffect: string;
  readonly #recoveryEffect: string;

  constructor(options: RedisLinkOptions) {
    this.#logger = options.logger;
    this.#outageEffect = options.outageEffect ?? "routing continues on this instance's local state until it returns";
    this.#recoveryEffect = options.recoveryEffect ?? 'sharing routing state resumes';
    this.#probeIntervalMs = options.probeIntervalMs ?? 1000;
    const common: RedisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2000,
      // ioredis reconnects on its own; keep the delay short so sharing resumes quickly.
      retryStrategy: (times) => Math.min(100 * times, 1000),
      lazyConnect: false,
    };
    if (options.db !== undefined) common.db = options.db;
    if (options.password !== undefined) common.password = options.password;
    if (options.url !== undefined) {
      this.client = new Redis(options.url, common);
      this.#where = redactUrl(options.url);
    } else {
      this.client = new Redis({ ...common, host: options.host ?? '127.0.0.1', port: options.port ?? 6379 });
      this.#where = `${options.host ?? '127.0.0.1'}:${options.port ?? 6379}`;
    }
    // Without a listener ioredis prints every connection error; the link logs transitions only.
    this.client.on('error', () => {});
    this.client.on('ready', () => this.#markUp());
    this.client.on('end', () => this.markDown(new Error('connection closed')));
    this.client.on('close', () => this.markDown(new Error('connection closed')));
  }

  /** True when commands should go to Redis. */
  get up(): boolean {
    return this.#up;
  }

  /** Records a failed command: switches to local state and starts probing (logged once per outage). */
  markDown(error: unknown): void {
    if (this.#closed) return;
    if (!this.#outageLogged) {
      this.#outageLogged = true;
      this.#logger.warn(`redis ${this.#where} unavailable (${errorText(error)}); ${this.#outageEffect}`);
    }
    this.#up = false;
    this.#startProbe();
  }

  /**
   * Runs `remote` against Redis when the link is up, else (or when it fails) `local`.
   * No request ever fails because Redis did.
   */
  async either<T>(remote: (client: Redis) => Promise<T>, local: () => T): Promise<T> {
    if (!this.#up) return local();
    try {
      return await remote(this.client);
    } catch (error) {
      this.markDown(error);
      return local();
    }
  }

  /** Fire-and-forget write: skipped while the link is down; a failure marks it down. */
  write(remote: (client: Redis) => Promise<unknown>): void {
    if (!this.#up) return;
    remote(this.client).catch((error: unknown) => this.markDown(error));
  }

  /** Runs a Lua script by SHA, loading it on first use (or after a Redis restart). */
  async script(source: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await this.client.evalsha(source.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return this.client.eval(source.text, keys.length, ...keys, ...args);
    }
  }

  /**
   * Waits until the first connection is ready; false when it fails or `timeoutMs` passes
   * first (the link then starts on local state and the probe takes over). Never throws.
   */
  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.#up) return true;
    return new Promise((resolve) => {
      const settle = (value: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        resolve(value);
      };
      const onReady = () => settle(true);
      const onError = () => settle(false);
      const timer = setTimeout(() => settle(false), timeoutMs);
      timer.unref();
      this.client.once('ready', onReady);
      this.client.once('error', onError);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#probe) clearInterval(this.#probe);
    this.#probe = undefined;
    this.client.disconnect();
  }

  #markUp(): void {
    if (this.#closed || this.#up) return;
    if (this.#outageLogged) this.#logger.info(`redis ${this.#where} reachable again; ${this.#recoveryEffect}`);
    this.#outageLogged = false;
    this.#up = true;
    if (this.#probe) clearInterval(this.#probe);
    this.#probe = undefined;
  }

  #startProbe(): void {
    if (this.#probe || this.#closed) return;
    this.#probe = setInterval(() => {
      if (this.client.status !== 'ready') return; // ioredis is reconnecting; 'ready' will fire
      this.client.ping().then(
        () => this.#markUp(),
        () => {},
      );
    }, this.#probeIntervalMs);
    this.#probe.unref();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Never log a password embedded in a redis URL. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
