/**
 * `litegate serve --workers N` scaling: one clustered litegate per worker count, all
 * running at once and measured in alternating load rounds against the same upstream.
 * Memory and CPU count the primary and all its workers.
 */
import { CHAT_BODY } from './bench-target.ts';
import { startLitegate, type StartedServer } from './bench-servers.ts';
import { runLoadRound, type LoadRound } from './load-round.ts';
import { rotate, summarizeLoadRounds, type TargetOverhead } from './proxy-overhead.ts';

/** Result for one worker count. */
export interface WorkersResult {
  readonly workers: number;
  readonly load?: TargetOverhead['load'];
  readonly error?: string;
}

/** Starts one litegate per worker count, runs `rounds` alternating load rounds, stops them. */
export async function runWorkersScaling(
  apiBase: string,
  workerCounts: readonly number[],
  settings: { readonly rounds: number; readonly seconds: number; readonly warmupSeconds: number; readonly connections: number },
  progress: (line: string) => void,
): Promise<WorkersResult[]> {
  const servers = new Map<number, StartedServer>();
  const errors = new Map<number, string>();
  try {
    for (const workers of workerCounts) {
      try {
        servers.set(workers, await startLitegate(apiBase, { workers, key: `litegate-w${workers}`, label: `litegate --workers ${workers}` }));
      } catch (error) {
        errors.set(workers, error instanceof Error ? error.message.split('\n')[0] as string : String(error));
      }
    }
    const running = workerCounts.filter((workers) => servers.has(workers));
    for (const workers of running) {
      await runLoadRound((servers.get(workers) as StartedServer).target, settings.connections, settings.warmupSeconds, CHAT_BODY);
    }
    const rounds = new Map<number, LoadRound[]>(running.map((workers) => [workers, []]));
    for (let round = 0; round < settings.rounds; round++) {
      progress(`--workers scaling, round ${round + 1}/${settings.rounds}`);
      for (const workers of rotate(running, round)) {
        const target = (servers.get(workers) as StartedServer).target;
        (rounds.get(workers) as LoadRound[]).push(await runLoadRound(target, settings.connections, settings.seconds, CHAT_BODY));
      }
    }
    return workerCounts.map((workers) =>
      rounds.has(workers)
        ? { workers, load: summarizeLoadRounds(rounds.get(workers) as LoadRound[]) }
        : { workers, error: errors.get(workers) ?? 'not started' },
    );
  } finally {
    await Promise.all([...servers.values()].map((server) => server.child.stop()));
  }
}
