/**
 * A load round driven by wrk (Debian's `wrk` package), a C load generator in its own
 * process: it costs the 2-core machine far less CPU per request than autocannon inside the
 * benchmark's own Node process, so the servers, not the client, set the figures. wrk takes
 * whole seconds; its latency histogram has microsecond resolution. A Lua script sets the
 * request and prints the summary as one JSON line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchTarget } from './bench-target.ts';

/** The wrk binary on PATH, when there is one that runs. */
export function wrkAvailable(): boolean {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && /wrk/i.test(`${probe.stdout}${probe.stderr}`);
}

/** What wrk measured in one round (latency in microseconds). */
export interface WrkSummary {
  readonly requests: number;
  readonly durationUs: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  /**
   * With `histogram`: every latency wrk recorded, as [microseconds, count] pairs, so rounds
   * can be pooled into exact percentiles (medians of per-round p99s would hide a bad round).
   */
  readonly histogram?: readonly (readonly [number, number])[];
}

/** Options of {@link runWrk} and {@link wrkScript}. */
export interface WrkOptions {
  /** Also print the full latency distribution (a few thousand pairs at concurrency 1). */
  readonly histogram?: boolean;
}

function luaString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * The Lua script: the request, then the summary as JSON on stdout. wrk's latency object
 * called with i gives the i-th distinct recorded value and how often it occurred.
 */
export function wrkScript(headers: Readonly<Record<string, string>>, body: string, options: WrkOptions = {}): string {
  const lines = ['wrk.method = "POST"', `wrk.body = ${luaString(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  local extra = ""',
    ...(options.histogram
      ? [
          '  local bins = {}',
          '  for i = 1, #latency do',
          '    local value, count = latency(i)',
          '    bins[#bins + 1] = string.format("[%d,%d]", value, count)',
          '  end',
          '  extra = \',"histogram":[\' .. table.concat(bins, ",") .. "]"',
        ]
      : []),
    '  io.write(string.format(\'{"requests":%d,"durationUs":%d,"errors":%d,"p50Us":%d,"p99Us":%d,"meanUs":%.1f%s}\\n\',',
    '    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), latency.mean, extra))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs wrk with one thread and `connections` keep-alive connections for `seconds` (rounded
 * up to whole seconds). A `response` hook would cost wrk a Lua call per reply, so non-2xx
 * replies are counted from wrk's own status errors instead (>= 400), which is what a proxy
 * under test ever returns besides 200.
 */
export async function runWrk(target: BenchTarget, connections: number, seconds: number, body: string, options: WrkOptions = {}): Promise<WrkSummary> {
  const directory = mkdtempSync(join(tmpdir(), 'litegate-wrk-'));
  const script = join(directory, 'request.lua');
  writeFileSync(script, wrkScript(target.headers, body, options));
  try {
    const args = ['-t1', `-c${connections}`, `-d${Math.max(1, Math.ceil(seconds))}s`, '--timeout', '10s', '-s', script, `${target.origin}${target.path}`];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (part: Buffer) => (text += part.toString('utf8')));
      child.stderr.on('data', (part: Buffer) => (text += part.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text.trim().split('\n').at(-1)}`))));
    });
    const json = output.split('\n').find((line) => line.startsWith('{"requests"'));
    if (json === undefined) throw new Error(`wrk printed no summary: ${output.trim().split('\n').at(-1)}`);
    const summary = JSON.parse(json) as Omit<WrkSummary, 'non2xx'>;
    const statusErrors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
    return { ...summary, non2xx: statusErrors ? Number(statusErrors[1]) : 0 };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
