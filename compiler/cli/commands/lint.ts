/**
 * `litegate lint [options] <config.yaml>...` — checks configs against the schema and the
 * semantic rules and prints the findings. Exit 0 without errors, 1 with errors (or more
 * warnings than --max-warnings), 2 for a usage error or a file that cannot be read.
 *
 * Lint runs in CI on every push, usually as a short-lived process, so start-up time counts:
 * Node's compile cache is switched on before the compiler's modules load (they are then
 * read from cached, already type-stripped bytecode on later runs), which is why the body
 * is imported dynamically.
 */
// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
const { enableCompileCache } = process.getBuiltinModule('node:module');

/** Runs `litegate lint`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    enableCompileCache?.();
  } catch {
    // A read-only or missing cache directory only costs speed.
  }
  const { runLint } = await import('./lint/run-lint.ts');
  return runLint(argv);
}
