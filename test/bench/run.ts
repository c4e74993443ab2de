/**
 * `npm run bench`: litegate's benchmarks, side by side with a bare Node pass-through and
 * the Portkey gateway, in one run on one machine and one Node binary.
 *
 *   npm run bench                 # full run (a few minutes)
 *   npm run bench -- --quick      # smoke run (well under a minute, rough figures)
 *   npm run bench -- --skip portkey,workers,lint,simulator
 *
 * Prints tables to stdout (progress to stderr) and writes test/bench/results/latest.json.
 * Every server is a child process bound to 127.0.0.1 and is killed when the run ends,
 * fails or is interrupted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine, renderReport, type BenchReport, type TargetReport } from './bench-report.ts';
import type { BenchTarget } from './bench-target.ts';
import { startBare, startLitegate, startPortkey, startUpstream, type StartedServer } from './bench-servers.ts';
import { runOptionalBench } from './optional-benches.ts';
import { checkGoals } from './performance-goals.ts';
import { loadGenerator } from './load-round.ts';
import { killAllChildren } from './processes.ts';
import { runProxyOverhead, type OverheadSettings } from './proxy-overhead.ts';
import { runWorkersScaling } from './workers-scaling.ts';
import { emptyNodeRssBytes } from './node-floor.ts';
import { warmCompileCache, type StartServer } from './compile-cache.ts';
import { readMachineTicks, stealPercent } from './cpu-steal.ts';
import { pairedRatios } from './stats.ts';
import { serveEnvironment, serveNodeFlags } from '../../compiler/cli/serve-node-flags.js';

const here = dirname(fileURLToPath(import.meta.url));

const FULL: OverheadSettings & { workersRounds: number } = {
  warmupRequests: 1000,
  warmupLoadSeconds: 2,
  latencyRounds: 5,
  latencyRequestsPerRound: 2000,
  latencySecondsPerRound: 1,
  sequentialRoundMaxSeconds: 3,
  ttftRounds: 3,
  ttftRequestsPerRound: 300,
  // Many short rounds: on a shared 2-core VM one target's throughput swings by a third from
  // one second to the next, and the median of a dozen 1-second rounds, interleaved with the
  // other targets', shrugs that off better than a few long ones. (wrk takes whole seconds.)
  loadRounds: 12,
  loadSeconds: 1,
  connections: 50,
  workersRounds: 8,
};

const QUICK: OverheadSettings & { workersRounds: number } = {
  warmupRequests: 200,
  warmupLoadSeconds: 0.5,
  latencyRounds: 2,
  latencyRequestsPerRound: 300,
  latencySecondsPerRound: 1,
  sequentialRoundMaxSeconds: 1,
  ttftRounds: 1,
  ttftRequestsPerRound: 50,
  loadRounds: 1,
  loadSeconds: 1,
  connections: 50,
  workersRounds: 1,
};

const SKIPPABLE = ['bare', 'bare-capped', 'litegate', 'litegate-v8-default', 'litegate-cache-hit', 'portkey', 'workers', 'lint', 'simulator'] as const;

/**
 * The second litegate row: V8's and glibc's own settings on this machine (a young generation
 * of 64 MB per semi-space on a 64-bit host with this much memory, the dynamic heap growing
 * factor, Maglev on, 8 malloc arenas per core),
 * given explicitly, which makes `serve` keep them instead of its own
 * (compiler/cli/serve-node-flags.js).
 */
const V8_DEFAULTS = ['--max-semi-space-size=64', '--heap-growing-percent=0', '--maglev'];
const GLIBC_DEFAULTS = { MALLOC_ARENA_MAX: String(8 * availableParallelism()) };
const V8_DEFAULT_LABEL = "litegate serve, V8's defaults";

/**
 * The bare pass-through again, with the Node flags and environment `serve` runs with
 * (compiler/cli/serve-node-flags.js): memory and CPU compared like with like.
 */
const BARE_CAPPED_LABEL = "bare pass-through, serve's flags";

const USAGE = `usage: npm run bench -- [--quick] [--skip ${SKIPPABLE.join(',')}] [--out <file.json>]

  --quick        short smoke run (rough figures)
  --skip LIST    comma-separated parts to leave out
  --out FILE     where to write the JSON (default test/bench/results/latest.json)
`;

function errorLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] as string) : String(error);
}

function commandLine(argv: readonly string[]): string {
  const args = argv.join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${args ? ` -- ${args}` : ''}`;
  return `node ${relative(process.cwd(), fileURLToPath(import.meta.url)) || 'test/bench/run.ts'}${args ? ` ${args}` : ''}`;
}

/** Median, min and max of litegate's round-by-round throughput over `other`'s (stats.ts pairedRatios). */
function pairedThroughput(name: string, litegate: TargetReport | undefined, other: TargetReport | undefined): Record<string, number | undefined> {
  const rps = (target: TargetReport | undefined): number[] => (target?.overhead?.load.rounds ?? []).map((round) => round.rps);
  const paired = pairedRatios(rps(litegate), rps(other));
  if (paired.pairs === 0) return {};
  return { [name]: paired.median, [`${name}Min`]: paired.min, [`${name}Max`]: paired.max };
}

async function main(argv: string[]): Promise<number> {
  let values: { quick?: boolean; skip?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean' }, skip: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`bench: ${errorLine(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const skip = new Set((values.skip ?? '').split(',').map((part) => part.trim()).filter(Boolean));
  const unknown = [...skip].filter((part) => !(SKIPPABLE as readonly string[]).includes(part));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown --skip part(s): ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const quick = values.quick === true;
  const settings = quick ? QUICK : FULL;
  const outPath = values.out ?? join(here, 'results', 'latest.json');
  const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const startedMs = Date.now();
  const ticksAtStart = readMachineTicks();

  const report: BenchReport = {
    command: commandLine(argv),
    quick,
    startedAt: new Date(startedMs).toISOString(),
    durationSeconds: 0,
    machine: describeMachine(),
    settings,
    loadGenerator: loadGenerator(),
    targets: [],
    ratios: {},
    goals: [],
    workers: { skipped: '--skip workers' },
    lint: { skipped: '--skip lint' },
    simulator: { skipped: '--skip simulator' },
    notes: [],
  };

  // The systems under test besides Portkey (TypeScript servers, warmed into the compile cache first).
  const systems: readonly { key: string; label: string; start: StartServer }[] = [
    { key: 'bare', label: 'bare pass-through', start: (apiBase) => startBare(apiBase) },
    { key: 'bare-capped', label: BARE_CAPPED_LABEL, start: (apiBase) => startBare(apiBase, { key: 'bare-capped', label: BARE_CAPPED_LABEL, nodeArgs: serveNodeFlags, env: serveEnvironment }) },
    { key: 'litegate', label: 'litegate serve', start: (apiBase) => startLitegate(apiBase) },
    // The same proxy with V8's own settings (`serve` sets its own: compiler/cli/serve-node-flags.js).
    { key: 'litegate-v8-default', label: V8_DEFAULT_LABEL, start: (apiBase) => startLitegate(apiBase, { key: 'litegate-v8-default', label: V8_DEFAULT_LABEL, nodeArgs: V8_DEFAULTS, env: GLIBC_DEFAULTS }) },
    // Caching landed: the cache-hit path, every answer from the in-memory response cache.
    { key: 'litegate-cache-hit', label: 'litegate serve, cache hits', start: (apiBase) => startLitegate(apiBase, { key: 'litegate-cache-hit', label: 'litegate serve, cache hits', cache: true }) },
  ];
  progress("warming Node's compile cache (one start of each TypeScript server)");
  await warmCompileCache(systems.filter((system) => !skip.has(system.key)).map((system) => system.start));
  progress('starting the fixed upstream and the systems under test');
  const upstream = await startUpstream();
  const started: StartedServer[] = [upstream];
  const reports = new Map<string, TargetReport>();
  reports.set('direct', { key: 'direct', label: upstream.target.label, available: true });

  const tryStart = async (key: string, label: string, start: () => Promise<StartedServer>): Promise<void> => {
    if (skip.has(key)) {
      reports.set(key, { key, label, available: false, error: `--skip ${key}` });
      return;
    }
    try {
      const server = await start();
      started.push(server);
      reports.set(key, { key, label: server.target.label, available: true });
    } catch (error) {
      reports.set(key, { key, label, available: false, error: errorLine(error) });
      progress(`${label} not available: ${errorLine(error)}`);
    }
  };
  for (const system of systems) await tryStart(system.key, system.label, () => system.start(upstream.apiBase));
  await tryStart('portkey', 'portkey gateway', () => startPortkey(upstream.apiBase));

  report.nodeFloorRssBytes = await emptyNodeRssBytes();
  const targets: BenchTarget[] = started.map((server) => server.target);
  const overhead = await runProxyOverhead(targets, settings, progress);

  const direct = overhead.get('direct');
  for (const [key, entry] of reports) {
    const measured = overhead.get(key);
    if (!measured) continue;
    const failures = measured.latency.errors + measured.ttft.errors + measured.load.non2xx + measured.load.errors;
    if (failures > 0) {
      report.notes.push(`${entry.label}: ${failures} failed requests (first: ${measured.latency.firstError ?? measured.ttft.firstError ?? 'non-2xx under load'}); its figures are not comparable`);
    }
    reports.set(key, {
      ...entry,
      overhead: measured,
      addedP50Ms: direct ? measured.latency.p50Ms - direct.latency.p50Ms : undefined,
      addedP99Ms: direct ? measured.latency.p99Ms - direct.latency.p99Ms : undefined,
      addedTtftP50Ms: direct ? measured.ttft.p50Ms - direct.ttft.p50Ms : undefined,
      addedTtftP99Ms: direct ? measured.ttft.p99Ms - direct.ttft.p99Ms : undefined,
    });
  }
  report.targets = ['direct', 'bare', 'bare-capped', 'litegate', 'litegate-v8-default', 'litegate-cache-hit', 'portkey'].map((key) => reports.get(key)).filter((entry): entry is TargetReport => entry !== undefined);

  const litegate = reports.get('litegate');
  const portkey = reports.get('portkey');
  const bare = reports.get('bare');
  const bareCapped = reports.get('bare-capped');
  const div = (a?: number, b?: number): number | undefined => (a !== undefined && b !== undefined && b > 0 && Number.isFinite(a) ? a / b : undefined);
  report.ratios = {
    throughputVsPortkey: div(litegate?.overhead?.load.rps, portkey?.overhead?.load.rps),
    throughputVsBare: div(litegate?.overhead?.load.rps, bare?.overhead?.load.rps),
    throughputVsBareCapped: div(litegate?.overhead?.load.rps, bareCapped?.overhead?.load.rps),
    rssLitegateOverBareCapped: div(litegate?.overhead?.load.peakRssBytes, bareCapped?.overhead?.load.peakRssBytes),
    throughputVsDirect: div(litegate?.overhead?.load.rps, direct?.load.rps),
    ...pairedThroughput('throughputVsPortkeyPaired', litegate, portkey),
    ...pairedThroughput('throughputVsBarePaired', litegate, bare),
    addedP50PortkeyOverLitegate: div(portkey?.addedP50Ms, litegate?.addedP50Ms),
    addedP50LitegateOverBare: div(litegate?.addedP50Ms, bare?.addedP50Ms),
    cpuPortkeyOverLitegate: div(portkey?.overhead?.load.cpuPerRequestUs, litegate?.overhead?.load.cpuPerRequestUs),
    cpuLitegateOverBare: div(litegate?.overhead?.load.cpuPerRequestUs, bare?.overhead?.load.cpuPerRequestUs),
  };
  report.goals = checkGoals({
    addedP50Ms: litegate?.addedP50Ms,
    addedP99Ms: litegate?.addedP99Ms,
    litegateRps: litegate?.overhead?.load.rps,
    portkeyRps: portkey?.overhead?.load.rps,
    bareRps: bare?.overhead?.load.rps,
    litegateLoadRssBytes: litegate?.overhead?.load.peakRssBytes,
  });

  // Free the cores before the next parts: only the upstream stays up.
  await Promise.all(started.filter((server) => server !== upstream).map((server) => server.child.stop()));

  if (!skip.has('workers')) {
    if (!litegate?.available) report.workers = { skipped: 'litegate serve not available' };
    else {
      report.workers = await runWorkersScaling(
        upstream.apiBase,
        [1, 2],
        { rounds: settings.workersRounds, seconds: settings.loadSeconds, warmupSeconds: settings.warmupLoadSeconds, connections: settings.connections },
        progress,
      );
    }
  }
  await upstream.child.stop();

  if (!skip.has('lint')) {
    progress('lint time');
    // benchLint(sizes, timedRuns): fewer timed runs per size for --quick.
    report.lint = await runOptionalBench('lint-bench.ts', 'benchLint', quick ? [[10, 500, 2000], 2] : []);
  }
  if (!skip.has('simulator')) {
    progress('simulator throughput');
    // simulator-bench.ts reads its round length from the environment; keep --quick quick.
    process.env.SIMULATOR_BENCH_SECONDS ??= quick ? '1' : '3';
    report.simulator = await runOptionalBench('simulator-bench.ts', 'benchSimulator');
  }

  const loadAtEnd = loadavg()[0] ?? 0;
  const busiest = Math.max(report.machine.loadAverageAtStart, loadAtEnd);
  // The benchmark itself keeps ~2 processes busy; more than that means someone else was running.
  if (busiest > report.machine.cores + 0.5) {
    report.notes.push(
      `the machine was busy with other processes (1-minute load average ${report.machine.loadAverageAtStart} at start, ${loadAtEnd.toFixed(2)} at end, on ${report.machine.cores} cores): absolute figures are noisy; ratios within the run are more reliable`,
    );
  }
  report.cpuStealPercent = stealPercent(ticksAtStart, readMachineTicks());
  // Steal is time the hypervisor gave to other guests: the servers were slowed by that much, unevenly.
  if (report.cpuStealPercent !== undefined && report.cpuStealPercent >= 2) {
    report.notes.push(
      `the hypervisor took ${report.cpuStealPercent}% of the machine's CPU time during the run (steal, /proc/stat): absolute figures are below what the machine does when it has its cores to itself, and drift with it; ratios within the run, and the round-by-round ones, are more reliable`,
    );
  }
  report.durationSeconds = (Date.now() - startedMs) / 1000;

  process.stdout.write(`${renderReport(report)}\n`);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${relative(process.cwd(), outPath)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    killAllChildren();
    process.exitCode = code;
  },
  (error: unknown) => {
    killAllChildren();
    process.stderr.write(`bench: failed: ${errorLine(error)}\n`);
    if (process.env.LITEGATE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
