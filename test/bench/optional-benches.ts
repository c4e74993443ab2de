/**
 * Benchmarks other parts of litegate contribute to `npm run bench`: lint time
 * (`test/bench/lint-bench.ts` exporting `benchLint()`) and simulator throughput
 * (`test/bench/simulator-bench.ts` exporting `benchSimulator()`). Each is run when its
 * module exists and reported as "not available" otherwise; its result is rendered
 * generically (tables for arrays of records, `key: value` lines for the rest) and kept
 * verbatim in the JSON output.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from './text-table.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Outcome of one optional benchmark. */
export interface OptionalBenchResult {
  readonly available: boolean;
  readonly result?: unknown;
  readonly error?: string;
  readonly seconds?: number;
}

/** Imports `file` (relative to test/bench) and calls its `exportName(...args)`, if both exist. */
export async function runOptionalBench(file: string, exportName: string, args: readonly unknown[] = []): Promise<OptionalBenchResult> {
  const path = join(here, file);
  if (!existsSync(path)) return { available: false };
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const bench = module[exportName];
    if (typeof bench !== 'function') return { available: false, error: `${file} does not export ${exportName}()` };
    const result = await (bench as (...a: unknown[]) => Promise<unknown>)(...args);
    return { available: true, result, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { available: true, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 3 : 1);
  if (value === undefined || value === null) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Renders an arbitrary benchmark result as readable text (see the module comment). */
export function renderResult(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    return formatTable(columns, value.map((row) => columns.map((column) => cell(row[column]))))
      .split('\n')
      .map((line) => indent + line)
      .join('\n');
  }
  if (isRecord(value)) {
    const lines: string[] = [];
    // Sibling flat records (e.g. { nonStreaming: {...}, streaming: {...} }) read best as one table.
    const flat = Object.entries(value).filter(([, inner]) => isRecord(inner) && Object.values(inner).every((v) => typeof v !== 'object' || v === null));
    const asTable = flat.length >= 2 ? new Set(flat.map(([key]) => key)) : new Set<string>();
    for (const [key, inner] of Object.entries(value)) {
      if (asTable.has(key)) continue;
      if (Array.isArray(inner) || isRecord(inner)) lines.push(`${indent}${key}:`, renderResult(inner, `${indent}  `));
      else lines.push(`${indent}${key}: ${cell(inner)}`);
    }
    if (asTable.size > 0) {
      const rows = flat.map(([key, inner]) => ({ '': key, ...(inner as Record<string, unknown>) }));
      lines.push(renderResult(rows, indent));
    }
    return lines.join('\n');
  }
  if (Array.isArray(value)) return value.map((item) => `${indent}- ${cell(item)}`).join('\n');
  return `${indent}${cell(value)}`;
}
