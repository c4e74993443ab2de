/**
 * What the benchmark sends requests to: one HTTP endpoint per system under test (the
 * upstream directly, the bare pass-through, litegate, Portkey), with the headers that
 * system needs, and the pid whose memory and CPU are charged to it.
 */

/** One system under test. */
export interface BenchTarget {
  /** Short key used in the JSON output: direct, bare, litegate, portkey, … */
  readonly key: string;
  /** Label for the table. */
  readonly label: string;
  /** Origin, e.g. http://127.0.0.1:4000. */
  readonly origin: string;
  /** Request path, e.g. /v1/chat/completions. */
  readonly path: string;
  /** Headers sent with every request (content-type included). */
  readonly headers: Readonly<Record<string, string>>;
  /** Pid of the server process whose RSS and CPU are reported (a cluster primary counts its workers). */
  readonly pid: number;
}

/**
 * The fixed non-streaming request body: identical bytes for every target and every run,
 * so runs are comparable. `model` names the litegate model group; the upstream ignores it.
 */
export const CHAT_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Say hello in one short sentence.' },
  ],
  max_tokens: 32,
  temperature: 0,
});

/** The fixed streaming request body (CHAT_BODY plus `"stream": true`). */
export const CHAT_STREAM_BODY = JSON.stringify({ ...(JSON.parse(CHAT_BODY) as object), stream: true });

/** The model group name litegate's generated bench config declares. */
export const BENCH_MODEL_GROUP = 'bench-model';
