/**
 * `litegate serve` compiles its config in a short-lived child process (serve-plan-child.ts)
 * and keeps only the plan: the compiler's modules would otherwise stay in the proxy's memory
 * for as long as it runs (5 MB of its resident set at start, ~4 MB at peak under load).
 */
import { fork } from 'node:child_process';
import type { RoutingPlan } from '../plan/routing-plan.ts';

/** What the child sends back. */
export type ServePlanMessage =
  | { readonly kind: 'plan'; readonly plan: RoutingPlan }
  /** The config has lint errors (printed by the child). */
  | { readonly kind: 'invalid'; readonly errorCount: number }
  /** The config could not be read at all (no such file, …). */
  | { readonly kind: 'unreadable'; readonly message: string };

const childEntry = new URL('./serve-plan-child.ts', import.meta.url);

/**
 * Compiles `configPath` in a child process on the same Node, with this process's flags and
 * environment (`checkEnv`: unset os.environ/ variables are errors). Rejects only when the
 * child dies without an answer.
 */
export function compileServePlan(configPath: string, checkEnv: boolean): Promise<ServePlanMessage> {
  return new Promise((resolve, reject) => {
    // This process's Node flags, but not an inspector: its port is this process's.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
    const child = fork(childEntry, [configPath, checkEnv ? '1' : '0'], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: ServePlanMessage | undefined;
    child.once('message', (message) => {
      answer = message as ServePlanMessage;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer !== undefined) resolve(answer);
      else reject(new Error(`the config compiler exited ${signal ? `on ${signal}` : `with code ${code}`} before answering`));
    });
  });
}
