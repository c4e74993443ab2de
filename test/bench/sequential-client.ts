/**
 * The concurrency-1 client: one keep-alive connection per target, one request at a time,
 * timed with process.hrtime.bigint() from just before the request is written to the last
 * byte of the body (nanoseconds; reported with microsecond resolution). For streams it
 * also records time to first token: the first body chunk that carries an SSE `data:` event.
 * From a proxy that reports its own time per request (litegate's
 * `x-litellm-overhead-duration-ms`), it keeps that too.
 */
import { Client } from 'undici';
import type { BenchTarget } from './bench-target.ts';

/** Samples of one sequential run. */
export interface SequentialSamples {
  /** Full request latencies in nanoseconds. */
  readonly totalNs: number[];
  /** Time to the first `data:` chunk, in nanoseconds (streaming runs only). */
  readonly firstTokenNs: number[];
  /**
   * The proxy's own time per request as it reports it (`x-litellm-overhead-duration-ms`:
   * from the request's arrival to its response headers, less the upstream call), in
   * nanoseconds; empty for a target that sends no such header.
   */
  readonly ownNs: number[];
  /** Requests that failed or did not return 200. */
  errors: number;
  /** The first error seen, for the report. */
  firstError?: string;
}

/** Nanoseconds from a response's `x-litellm-overhead-duration-ms` (milliseconds), if it has a usable one. */
export function reportedOwnTimeNs(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const value = headers['x-litellm-overhead-duration-ms'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms * 1e6) : undefined;
}

/** A sequential client bound to one target; reuse it across rounds so the connection stays warm. */
export class SequentialClient {
  readonly target: BenchTarget;
  readonly #client: Client;

  constructor(target: BenchTarget) {
    this.target = target;
    this.#client = new Client(target.origin, { pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  }

  /**
   * Sends `count` requests with `body`, one after another, and appends the timings to
   * `into` (a fresh record when omitted). Errors are counted, not timed. Stops early once
   * `maxSeconds` have passed, so a slow target or a busy machine cannot stretch the run.
   */
  async run(body: string, count: number, into?: SequentialSamples, maxSeconds = Number.POSITIVE_INFINITY): Promise<SequentialSamples> {
    const samples: SequentialSamples = into ?? { totalNs: [], firstTokenNs: [], ownNs: [], errors: 0 };
    const streaming = body.includes('"stream":true');
    const { path, headers } = this.target;
    const deadline = performance.now() + maxSeconds * 1000;
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      const start = process.hrtime.bigint();
      try {
        const response = await this.#client.request({ method: 'POST', path, headers, body });
        let firstToken: bigint | undefined;
        for await (const part of response.body as AsyncIterable<Buffer>) {
          if (streaming && firstToken === undefined && part.includes('data:')) firstToken = process.hrtime.bigint();
        }
        const end = process.hrtime.bigint();
        if (response.statusCode !== 200 || (streaming && firstToken === undefined)) {
          samples.errors++;
          samples.firstError ??= `HTTP ${response.statusCode}${streaming && firstToken === undefined ? ' (no SSE data)' : ''}`;
          continue;
        }
        samples.totalNs.push(Number(end - start));
        const own = reportedOwnTimeNs(response.headers);
        if (own !== undefined) samples.ownNs.push(own);
        if (firstToken !== undefined) samples.firstTokenNs.push(Number(firstToken - start));
      } catch (error) {
        samples.errors++;
        samples.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
    return samples;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
