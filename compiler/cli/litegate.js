#!/usr/bin/env node
// The `litegate` executable. Plain JavaScript so it can set up the process before any
// TypeScript is loaded.
//
// `serve` runs with the Node flags and environment of serve-node-flags.js (memory: why, and
// what each costs, is written there). V8 fixes heap sizes and glibc its arenas when the
// process starts, so the process replaces itself once with them (execve: same PID, same
// stdio, no parent left behind). A flag or variable the user already set (node flags or
// NODE_OPTIONS; the environment) is kept as given; none of this happens where execve does
// not exist (Windows).
import { missingServeEnvironment, missingServeFlags } from './serve-node-flags.js';

if (process.argv[2] === 'serve' && typeof process.execve === 'function') {
  const flags = missingServeFlags([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]);
  const environment = missingServeEnvironment(process.env);
  if (flags.length > 0 || Object.keys(environment).length > 0) {
    try {
      process.execve(process.execPath, [process.execPath, ...flags, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...environment });
    } catch {
      // Not allowed here (a sandbox, a seccomp filter): serve with the defaults instead.
    }
  }
}

// The compile cache keeps the type-stripped and compiled modules between runs, which saves
// most of a short command's start-up (lint in CI runs many times).
// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
process.getBuiltinModule('node:module').enableCompileCache?.();
await import('./litegate.ts');
