/**
 * The ring of the latest requests the dashboard lists, kept column by column: numbers in
 * typed arrays, strings in plain arrays. The ring keeps each entry for `capacity` requests,
 * long enough to outlive two young-generation collections at any real rate, so what an
 * entry holds is copied into V8's old generation: as record objects, with the request's
 * copy of the model name, that was 89 of the 213 bytes a request promoted (--trace-gc-nvp,
 * 50 connections); column by column, with configured names as the plan's strings, a
 * request leaves little more than its call id (170 bytes promoted in all).
 */
import type { Operation } from '../providers/adapter.ts';
import type { RequestRecord } from './request-recorder.ts';

const streamFlag = 1;
const cacheHitFlag = 2;

/** NaN stands for "not known" in the optional number columns. */
function orNaN(value: number | undefined): number {
  return value ?? Number.NaN;
}

function known(value: number): number | undefined {
  return Number.isNaN(value) ? undefined : value;
}

/** Fixed-capacity ring of request records, newest overwriting oldest. */
export class RecentRequests {
  readonly capacity: number;
  /** Next slot to write; also the count of records ever written. */
  #written = 0;
  readonly #time: Float64Array;
  readonly #latencyMs: Float64Array;
  readonly #upstreamMs: Float64Array;
  readonly #promptTokens: Float64Array;
  readonly #completionTokens: Float64Array;
  readonly #cost: Float64Array;
  readonly #status: Uint16Array;
  readonly #retries: Uint32Array;
  readonly #fallbacks: Uint32Array;
  readonly #flags: Uint8Array;
  readonly #callId: string[];
  readonly #operation: Operation[];
  readonly #model: (string | undefined)[];
  readonly #group: (string | undefined)[];
  readonly #deploymentId: (string | undefined)[];
  readonly #provider: (string | undefined)[];
  readonly #error: (string | undefined)[];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#time = new Float64Array(capacity);
    this.#latencyMs = new Float64Array(capacity);
    this.#upstreamMs = new Float64Array(capacity);
    this.#promptTokens = new Float64Array(capacity);
    this.#completionTokens = new Float64Array(capacity);
    this.#cost = new Float64Array(capacity);
    this.#status = new Uint16Array(capacity);
    this.#retries = new Uint32Array(capacity);
    this.#fallbacks = new Uint32Array(capacity);
    this.#flags = new Uint8Array(capacity);
    this.#callId = new Array<string>(capacity).fill('');
    this.#operation = new Array<Operation>(capacity).fill('chat');
    this.#model = new Array<string | undefined>(capacity).fill(undefined);
    this.#group = new Array<string | undefined>(capacity).fill(undefined);
    this.#deploymentId = new Array<string | undefined>(capacity).fill(undefined);
    this.#provider = new Array<string | undefined>(capacity).fill(undefined);
    this.#error = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Records written since start (including ones the ring has dropped). */
  get total(): number {
    return this.#written;
  }

  /** Copies `record` into the next slot (the record object itself is not kept). */
  push(record: RequestRecord): void {
    const slot = this.#written % this.capacity;
    this.#written += 1;
    this.#time[slot] = record.time;
    this.#latencyMs[slot] = record.latencyMs;
    this.#upstreamMs[slot] = orNaN(record.upstreamMs);
    this.#promptTokens[slot] = orNaN(record.promptTokens);
    this.#completionTokens[slot] = orNaN(record.completionTokens);
    this.#cost[slot] = orNaN(record.cost);
    this.#status[slot] = record.status;
    this.#retries[slot] = record.retries;
    this.#fallbacks[slot] = record.fallbacks;
    this.#flags[slot] = (record.stream ? streamFlag : 0) | (record.cacheHit ? cacheHitFlag : 0);
    this.#callId[slot] = record.callId;
    this.#operation[slot] = record.operation;
    this.#model[slot] = record.model;
    this.#group[slot] = record.group;
    this.#deploymentId[slot] = record.deploymentId;
    this.#provider[slot] = record.provider;
    this.#error[slot] = record.error;
  }

  /** The record in `slot`, rebuilt. */
  #at(slot: number): RequestRecord {
    const flags = this.#flags[slot]!;
    return {
      time: this.#time[slot]!,
      callId: this.#callId[slot]!,
      operation: this.#operation[slot]!,
      stream: (flags & streamFlag) !== 0,
      model: this.#model[slot],
      group: this.#group[slot],
      deploymentId: this.#deploymentId[slot],
      provider: this.#provider[slot],
      status: this.#status[slot]!,
      latencyMs: this.#latencyMs[slot]!,
      upstreamMs: known(this.#upstreamMs[slot]!),
      promptTokens: known(this.#promptTokens[slot]!),
      completionTokens: known(this.#completionTokens[slot]!),
      cost: known(this.#cost[slot]!),
      retries: this.#retries[slot]!,
      fallbacks: this.#fallbacks[slot]!,
      error: this.#error[slot],
      cacheHit: (flags & cacheHitFlag) !== 0,
    };
  }

  /** The latest records, newest first, at most `limit`. */
  latest(limit = this.capacity): RequestRecord[] {
    const count = Math.min(limit, this.#written, this.capacity);
    const out: RequestRecord[] = [];
    for (let i = 1; i <= count; i++) out.push(this.#at((this.#written - i) % this.capacity));
    return out;
  }
}
