/**
 * The child process `litegate serve` compiles its config in (serve-plan.ts): lint, then lower
 * to the routing plan, which goes back to the parent over IPC. So the YAML parser, the schema
 * validator and the rules never load into the long-running proxy process. Diagnostics are
 * printed here, on the stderr both processes share, exactly as `lint` prints them.
 *
 * Run as `node serve-plan-child.ts <config> <check-env: 0|1>` with an IPC channel.
 */
import type { ServePlanMessage } from './serve-plan.ts';

// As the launcher does: type-stripped and compiled modules come from the cache.
process.getBuiltinModule('node:module').enableCompileCache?.();

async function compile(configPath: string, checkEnv: boolean): Promise<ServePlanMessage> {
  const { compileConfig } = await import('../compile.ts');
  let result;
  try {
    result = await compileConfig(configPath, { checkEnv });
  } catch (error) {
    return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  }
  if (result.files.some((file) => file.diagnostics.length > 0)) {
    const { printDiagnostics } = await import('./print-diagnostics.ts');
    await printDiagnostics(result);
  }
  if (result.errorCount > 0 || !result.config) return { kind: 'invalid', errorCount: result.errorCount };
  const { lowerToPlan } = await import('../plan/lower.ts');
  return { kind: 'plan', plan: lowerToPlan(result.config, configPath) };
}

const send = process.send?.bind(process);
if (send === undefined) throw new Error('serve-plan-child.ts answers over an IPC channel: start it with fork()');
const [configPath, checkEnv] = process.argv.slice(2);
const message = await compile(configPath!, checkEnv === '1');
// Let go of the channel once the message is handed over, so the process can exit.
send(message, () => process.disconnect?.());
