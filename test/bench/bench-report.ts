/**
 * The benchmark's report: the JSON shape written to test/bench/results/latest.json and
 * its rendering as the text tables printed to stdout (and pasted into the README).
 */
import { cpus, freemem, loadavg, totalmem, availableParallelism, release } from 'node:os';
import type { LoadGenerator } from './load-round.ts';
import type { OptionalBenchResult } from './optional-benches.ts';
import { renderResult } from './optional-benches.ts';
import { verdict, type GoalResult } from './performance-goals.ts';
import type { OverheadSettings, TargetOverhead } from './proxy-overhead.ts';
import { fixed, formatTable, integer, mebibytes, percentage, signed } from './text-table.ts';
import { SLOW_REQUEST_MS } from './stats.ts';
import type { WorkersResult } from './workers-scaling.ts';

/** The machine a run happened on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started: other processes on the machine show up here. */
  readonly loadAverageAtStart: number;
  readonly freeRamGiBAtStart: number;
}

/** Describes this machine. */
export function describeMachine(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    freeRamGiBAtStart: Math.round((freemem() / 1024 ** 3) * 10) / 10,
  };
}

/** One system under test, as reported. */
export interface TargetReport {
  readonly key: string;
  readonly label: string;
  readonly available: boolean;
  readonly error?: string;
  readonly overhead?: TargetOverhead;
  /** Overhead over the direct baseline at concurrency 1, milliseconds. */
  readonly addedP50Ms?: number;
  readonly addedP99Ms?: number;
  /** Streaming time-to-first-token overhead over the direct baseline, milliseconds. */
  readonly addedTtftP50Ms?: number;
  readonly addedTtftP99Ms?: number;
}

/** Everything a run produced. */
export interface BenchReport {
  readonly command: string;
  readonly quick: boolean;
  readonly startedAt: string;
  durationSeconds: number;
  readonly machine: MachineInfo;
  readonly settings: OverheadSettings & { readonly workersRounds: number };
  /** What generated the load at N connections: wrk (own process, µs latency) or autocannon (this process, 1 ms). */
  readonly loadGenerator: LoadGenerator;
  targets: TargetReport[];
  ratios: Record<string, number | undefined>;
  goals: GoalResult[];
  workers: WorkersResult[] | { readonly skipped: string };
  lint: OptionalBenchResult | { readonly skipped: string };
  simulator: OptionalBenchResult | { readonly skipped: string };
  /** VmRSS of an empty Node process on this machine (test/bench/node-floor.ts). */
  nodeFloorRssBytes?: number;
  /** Percent of the machine's CPU time the hypervisor took during the run (test/bench/cpu-steal.ts). */
  cpuStealPercent?: number;
  /** Noted where figures need care (machine load, failed targets). */
  notes: string[];
}

const ms = (value: number | undefined): string => fixed(value, 3);

function targetRowsAvailable(report: BenchReport): TargetReport[] {
  return report.targets.filter((target) => target.available && target.overhead);
}

function ratioText(value: number | undefined, style: 'times' | 'percent'): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return style === 'times' ? `${value.toFixed(2)}x` : percentage(value, 0);
}

/** A paired ratio as `median (min–max)`; n/a when it was not measured. */
function rangeText(ratios: BenchReport['ratios'], name: string, style: 'times' | 'percent'): string {
  const median = ratios[name];
  if (median === undefined || !Number.isFinite(median)) return 'n/a';
  return `${ratioText(median, style)} (${ratioText(ratios[`${name}Min`], style)}–${ratioText(ratios[`${name}Max`], style)})`;
}

function renderOptional(title: string, value: OptionalBenchResult | { readonly skipped: string }): string {
  if ('skipped' in value) return `${title}: skipped (${value.skipped})`;
  if (!value.available) return `${title}: not available${value.error ? ` (${value.error})` : ''}`;
  if (value.error) return `${title}: failed: ${value.error}`;
  return `${title}${value.seconds !== undefined ? ` (${value.seconds.toFixed(1)} s)` : ''}\n${renderResult(value.result, '  ')}`;
}

/** The whole report as text (what stdout and the README show). */
export function renderReport(report: BenchReport): string {
  const { machine, settings } = report;
  const out: string[] = [];
  out.push(
    `litegate benchmark — ${report.startedAt}${report.quick ? ' (--quick: smoke run, figures are rough)' : ''}`,
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}, ${machine.os}; load average at start ${machine.loadAverageAtStart}${report.cpuStealPercent === undefined ? '' : `; CPU steal during the run ${report.cpuStealPercent}%`}`,
    `command: ${report.command}`,
    '',
  );
  for (const target of report.targets.filter((t) => !t.available || !t.overhead)) {
    out.push(`! ${target.label}: not measured: ${target.error ?? 'not available'}`);
  }

  const rows = targetRowsAvailable(report);
  out.push(
    '',
    report.loadGenerator === 'wrk'
      ? `Concurrency 1, non-streaming (${settings.latencyRounds} alternating rounds x ${settings.latencySecondsPerRound} s per target from wrk -c1, every latency pooled; ms)`
      : `Concurrency 1, non-streaming (${settings.latencyRounds} alternating rounds of up to ${settings.latencyRequestsPerRound} requests or ${settings.sequentialRoundMaxSeconds} s per target from a Node client; ms)`,
    formatTable(
      ['target', 'requests', 'p50', 'p90', 'p99', `> ${SLOW_REQUEST_MS} ms`, 'added p50', 'added p99', 'own p50', 'own p99', 'errors'],
      rows.map((t) => {
        const l = t.overhead?.latency;
        const own = t.overhead?.own;
        return [t.label, integer(l?.count), ms(l?.p50Ms), ms(l?.p90Ms), ms(l?.p99Ms), percentage(l?.slowShare, 2), t.key === 'direct' ? '—' : signed(t.addedP50Ms, 3), t.key === 'direct' ? '—' : signed(t.addedP99Ms, 3), ms(own?.p50Ms), ms(own?.p99Ms), integer(l?.errors)];
      }),
    ),
    `(> ${SLOW_REQUEST_MS} ms = share of the requests that took longer: where it is near 1%, the p99 swings from run to run; own = the proxy's own time per request as it reports it in x-litellm-overhead-duration-ms, arrival to response headers less the upstream call, from one round of the Node client; the rest of the added time is the second hop through the network stack and the processes' wake-ups)`,
    '',
    `Streaming, time to first token at concurrency 1 (${settings.ttftRounds} rounds of up to ${settings.ttftRequestsPerRound} requests per target; ms)`,
    formatTable(
      ['target', 'requests', 'TTFT p50', 'TTFT p99', 'added p50', 'added p99', 'stream p50', 'errors'],
      rows.map((t) => {
        const s = t.overhead?.ttft;
        return [t.label, integer(s?.count), ms(s?.p50Ms), ms(s?.p99Ms), t.key === 'direct' ? '—' : signed(t.addedTtftP50Ms, 3), t.key === 'direct' ? '—' : signed(t.addedTtftP99Ms, 3), ms(t.overhead?.streamTotal.p50Ms), integer(s?.errors)];
      }),
    ),
    '',
    `${settings.connections} connections (${settings.loadRounds} alternating rounds x ${settings.loadSeconds} s; medians; load from ${report.loadGenerator === 'wrk' ? 'wrk, a C client in its own process; latency in ms' : "autocannon in the benchmark's process; latency in ms at its 1 ms resolution"})`,
    formatTable(
      ['target', 'req/s', 'p50', 'p99', 'CPU us/req', 'RSS start MB', 'RSS idle MB', 'RSS load MB', 'non-2xx', 'errors'],
      rows.map((t) => {
        const l = t.overhead?.load;
        const digits = report.loadGenerator === 'wrk' ? 2 : 0;
        return [t.label, integer(l?.rps), fixed(l?.p50Ms, digits), fixed(l?.p99Ms, digits), fixed(l?.cpuPerRequestUs, 1), mebibytes(t.overhead?.startRssBytes), mebibytes(t.overhead?.idleRssBytes), mebibytes(l?.peakRssBytes), integer(l?.non2xx), integer(l?.errors)];
      }),
    ),
    "(CPU and RSS are the server process's own: the upstream's for 'direct', the proxy's alone for the others; RSS start = as started, idle = after the warm-up, load = peak VmRSS sampled every 100 ms)",
    ...(report.nodeFloorRssBytes === undefined ? [] : [`(an empty Node process on this machine, same binary, nothing loaded: ${mebibytes(report.nodeFloorRssBytes)} MB RSS)`]),
    '',
    'Ratios (litegate against the others, same run)',
    formatTable(
      ['ratio', 'value'],
      [
        ['throughput vs Portkey', ratioText(report.ratios.throughputVsPortkey, 'times')],
        ['throughput vs bare pass-through', ratioText(report.ratios.throughputVsBare, 'percent')],
        ["throughput vs bare, serve's flags", ratioText(report.ratios.throughputVsBareCapped, 'percent')],
        ['throughput vs direct upstream', ratioText(report.ratios.throughputVsDirect, 'percent')],
        ['throughput vs Portkey, round by round (median, range)', rangeText(report.ratios, 'throughputVsPortkeyPaired', 'times')],
        ['throughput vs bare, round by round (median, range)', rangeText(report.ratios, 'throughputVsBarePaired', 'percent')],
        ['added p50 latency, Portkey / litegate', ratioText(report.ratios.addedP50PortkeyOverLitegate, 'times')],
        ['added p50 latency, litegate / bare', ratioText(report.ratios.addedP50LitegateOverBare, 'times')],
        ['CPU per request, Portkey / litegate', ratioText(report.ratios.cpuPortkeyOverLitegate, 'times')],
        ['CPU per request, litegate / bare', ratioText(report.ratios.cpuLitegateOverBare, 'times')],
        ["RSS under load, litegate / bare, serve's flags", ratioText(report.ratios.rssLitegateOverBareCapped, 'percent')],
      ],
    ),
    '',
    'Goals (one litegate process; printed, not asserted)',
    ...report.goals.map((goal) => `  ${verdict(goal.pass).padEnd(4)}  ${goal.description}: ${goal.actual}`),
    '',
  );

  if ('skipped' in report.workers) out.push(`--workers scaling: skipped (${report.workers.skipped})`);
  else {
    const base = report.workers.find((w) => w.workers === 1)?.load?.rps;
    out.push(
      `--workers scaling (${settings.connections} connections, ${settings.workersRounds} alternating rounds x ${settings.loadSeconds} s; RSS and CPU count primary + workers)`,
      formatTable(
        ['workers', 'req/s', 'vs 1 worker', 'p50', 'p99', 'CPU us/req', 'RSS load MB', 'note'],
        report.workers.map((w) => [
          String(w.workers),
          integer(w.load?.rps),
          base && w.load ? ratioText(w.load.rps / base, 'times') : '—',
          fixed(w.load?.p50Ms, 0),
          fixed(w.load?.p99Ms, 0),
          fixed(w.load?.cpuPerRequestUs, 1),
          mebibytes(w.load?.peakRssBytes),
          w.error ?? '',
        ]),
      ),
    );
  }
  out.push('', renderOptional('Lint time', report.lint), '', renderOptional('Simulator throughput', report.simulator), '');
  if (report.notes.length > 0) out.push('Notes', ...report.notes.map((note) => `  - ${note}`), '');
  out.push(`total ${report.durationSeconds.toFixed(0)} s`);
  return out.join('\n');
}
