#!/usr/bin/env node
// The `litegate` executable. Plain JavaScript so it can set up the process before any
// TypeScript is loaded.
//
// `serve` runs with V8's young generation capped at 16 MB per semi-space. Left alone, V8
// grows it to 64 MB under load (a proxy's in-flight requests survive scavenges), which
// about doubles the proxy's resident memory for no measurable throughput (npm run bench).
// Heap sizes are fixed when the process starts, so the process replaces itself once with
// the flag (execve: same PID, same stdio, no parent left behind). Skipped when the flag is
// already given (node flags or NODE_OPTIONS, which is also how to choose another size) and
// where execve does not exist (Windows).
const youngGenerationFlag = '--max-semi-space-size=16';
if (
  process.argv[2] === 'serve' &&
  typeof process.execve === 'function' &&
  !process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size')) &&
  !(process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')
) {
  try {
    process.execve(process.execPath, [process.execPath, youngGenerationFlag, ...process.execArgv, ...process.argv.slice(1)], process.env);
  } catch {
    // Not allowed here (a sandbox, a seccomp filter): serve with V8's default sizes instead.
  }
}

// The compile cache keeps the type-stripped and compiled modules between runs, which saves
// most of a short command's start-up (lint in CI runs many times).
// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
process.getBuiltinModule('node:module').enableCompileCache?.();
await import('./litegate.ts');
