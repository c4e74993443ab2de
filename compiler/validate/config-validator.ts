/**
 * Schema validation through the precompiled standalone validator in schema/ (no schema is
 * compiled at startup, which keeps `litegate lint` fast).
 */
import type { SchemaError } from './translate-errors.ts';

// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
const { setFlagsFromString } = process.getBuiltinModule('node:v8');

// The generated validator is a few very large functions. V8 compiles a function when it is
// first called, and Node's compile cache (enabled by the CLI) only keeps the bytecode that
// existed when the module was compiled, so every `litegate lint` paid about 20 ms compiling
// the validator again. Loading it with lazy compilation off puts all of its bytecode into
// the compile cache. Every command loads the validator through this module, so its cache
// entry is always made with the same V8 flags (an entry made with other flags is rejected
// and rewritten, which would cost more than it saves).
const lazyByDefault = ![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--no-lazy');
if (lazyByDefault) setFlagsFromString('--no-lazy');
let loaded: typeof import('../../schema/validate-config.ts');
try {
  loaded = await import('../../schema/validate-config.ts');
} finally {
  if (lazyByDefault) setFlagsFromString('--lazy');
}
const { validateConfig } = loaded;

/** Validates a merged config; returns every schema error (the validator uses allErrors). */
export function validateAgainstSchema(config: unknown): readonly SchemaError[] {
  return validateConfig(config);
}
