/**
 * The concurrency-1 client: one keep-alive connection per target, one request at a time,
 * timed with process.hrtime.bigint() from just before the request is written to the last
 * byte of the body (nanoseconds; reported with microsecond resolution). For streams it
 * also records time to first token: the first body chunk that carries an SSE `data:` event.
 */
import { Client } from 'undici';
import type { BenchTarget } from './bench-target.ts';

/** Samples of one sequential run. */
export interface SequentialSamples {
  /** Full request latencies in nanoseconds. */
  readonly totalNs: number[];
  /** Time to the first `data:` chunk, in nanoseconds (streaming runs only). */
  readonly firstTokenNs: number[];
  /** Requests that failed or did not return 200. */
  errors: number;
  /** The first error seen, for the report. */
  firstError?: string;
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
    const samples: SequentialSamples = into ?? { totalNs: [], firstTokenNs: [], errors: 0 };
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
