/**
 * A whole (non-streamed) upstream response collected straight from undici's dispatch
 * handler. A non-streaming call always reads the entire body, so the Readable stream,
 * async-resource scope and extra promise that `request()` sets up per call are pure cost on
 * the proxy's hot path; this handler gathers the chunks into one Buffer instead.
 */
import type { Dispatcher } from 'undici';

/** Status, headers and the complete body of an upstream reply. */
export interface BufferedResponse {
  readonly statusCode: number;
  readonly headers: Dispatcher.ResponseData['headers'];
  readonly body: Buffer;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The upstream call was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Collects one response. Settles once: with the body on the end, with undici's error on a
 * transport failure, or with an AbortError when `signal` fires (at once, even while the
 * request still waits for a connection; undici's own call is then aborted as it starts).
 * A non-2xx reply whose body breaks off still resolves with what arrived: its status is
 * what the caller needs.
 */
export class BufferedResponseHandler implements Dispatcher.DispatchHandler {
  readonly promise: Promise<BufferedResponse>;
  #resolve!: (response: BufferedResponse) => void;
  #reject!: (error: Error) => void;
  #settled = false;
  #controller: Dispatcher.DispatchController | undefined;
  #signal: AbortSignal | undefined;
  #statusCode = 0;
  #headers: Dispatcher.ResponseData['headers'] = {};
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(signal: AbortSignal | undefined) {
    this.promise = new Promise<BufferedResponse>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#fail(abortError(signal));
        return;
      }
      this.#signal = signal;
      signal.addEventListener('abort', this.#onAbort);
    }
  }

  readonly #onAbort = (): void => {
    const error = abortError(this.#signal!);
    this.#controller?.abort(error);
    this.#fail(error);
  };

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#reject(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while waiting for a connection: stop before anything is sent.
    if (this.#settled) controller.abort(new Error('aborted'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Dispatcher.ResponseData['headers']): void {
    // 1xx informational responses come before the real one.
    if (statusCode < 200) return;
    this.#statusCode = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#resolve({ statusCode: this.#statusCode, headers: this.#headers, body: this.#body() });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#statusCode >= 300 && !this.#settled) {
      this.onResponseEnd();
      return;
    }
    this.#fail(error);
  }

  #body(): Buffer {
    const chunks = this.#chunks;
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
  }
}
