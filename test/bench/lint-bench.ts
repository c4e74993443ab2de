/**
 * Lint benchmark: whole-process time of `litegate lint` on generated configs of 10, 500
 * and 2,000 deployments (target: 2,000 under 300 ms). Each size is linted once to warm
 * Node's compile cache (as every CI run after the first is), then timed several times;
 * the median and the minimum are reported. The process is started with `node` directly,
 * not through npx, whose own start-up would dominate the figure.
 *
 * `npm run bench` calls benchLint(); `node test/bench/lint-bench.ts` prints the table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLintConfig } from './generate-lint-config.ts';

const cli = fileURLToPath(new URL('../../compiler/cli/litegate.js', import.meta.url));

export interface LintBenchRow {
  readonly deployments: number;
  readonly ms_median: number;
  readonly ms_min: number;
}

function timeRun(path: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'lint', '--quiet', path], { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`lint of the generated config failed (exit ${result.status}): ${result.stdout}${result.stderr}`);
  return elapsed;
}

/** Times whole-process lint runs of generated configs; `runs` timed runs per size. */
export async function benchLint(sizes: readonly number[] = [10, 500, 2000], runs = 7): Promise<LintBenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'litegate-lint-bench-'));
  try {
    const rows: LintBenchRow[] = [];
    for (const deployments of sizes) {
      const path = join(directory, `config-${deployments}.yaml`);
      writeFileSync(path, generateLintConfig(deployments));
      timeRun(path);
      const times = Array.from({ length: runs }, () => timeRun(path)).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      rows.push({ deployments, ms_median: Math.round(median * 10) / 10, ms_min: Math.round(times[0]! * 10) / 10 });
    }
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchLint();
  console.table(rows);
}
