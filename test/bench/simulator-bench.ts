/**
 * Simulator throughput for `npm run bench`: starts `litegate mock` in its own process
 * (so the load generator does not share its event loop) and drives it with autocannon,
 * first with non-streaming chat completions, then with streamed ones (SSE, ~20 events
 * each, usage chunk included). Seconds per round: SIMULATOR_BENCH_SECONDS (default 3).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { treeCpuSeconds } from './proc-stats.ts';

/** One autocannon round against the simulator. */
export interface SimulatorBenchRound {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  /**
   * Simulator CPU (user+system) per request, microseconds: less sensitive to a loaded
   * machine than rps; 1e6 / cpuPerRequestUs is the rate one free core would sustain.
   */
  readonly cpuPerRequestUs?: number;
}

/** What `benchSimulator` reports to `npm run bench`. */
export interface SimulatorBenchResult {
  readonly nonStreamingRps: number;
  readonly streamingRps: number;
  readonly connections: number;
  readonly secondsPerRound: number;
  readonly nonStreaming: SimulatorBenchRound;
  readonly streaming: SimulatorBenchRound;
}

const CONNECTIONS = 16;
const cli = fileURLToPath(new URL('../../compiler/cli/litegate.ts', import.meta.url));

async function startMockProcess(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [cli, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => {
      output += data;
      const match = /simulating providers at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`litegate mock exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
}

async function round(url: string, pid: number, body: unknown, seconds: number): Promise<SimulatorBenchRound> {
  const cpuBefore = treeCpuSeconds(pid);
  const result = await autocannon({
    url: `${url}/v1/chat/completions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify(body),
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
  });
  const cpuAfter = treeCpuSeconds(pid);
  const served = result['2xx'];
  return {
    cpuPerRequestUs: cpuBefore !== undefined && cpuAfter !== undefined && served > 0 ? ((cpuAfter - cpuBefore) * 1e6) / served : undefined,
    rps: result.requests.total / (result.duration || seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Measures non-streaming and streaming requests per second against `litegate mock`. */
export async function benchSimulator(): Promise<SimulatorBenchResult> {
  const seconds = Number(process.env.SIMULATOR_BENCH_SECONDS ?? 3);
  const mock = await startMockProcess();
  try {
    const messages = [{ role: 'user', content: 'Benchmark the simulator with a short question, please.' }];
    // A short warm-up so JIT and sockets are ready before measuring.
    await round(mock.url, mock.pid, { model: 'gpt-4o-mini', messages }, 0.5);
    const nonStreaming = await round(mock.url, mock.pid, { model: 'gpt-4o-mini', messages }, seconds);
    const streaming = await round(mock.url, mock.pid, { model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } }, seconds);
    return { nonStreamingRps: nonStreaming.rps, streamingRps: streaming.rps, connections: CONNECTIONS, secondsPerRound: seconds, nonStreaming, streaming };
  } finally {
    await mock.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSimulator(), null, 2));
}
