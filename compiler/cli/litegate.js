#!/usr/bin/env node
// The `litegate` executable. Plain JavaScript so it can turn on Node's compile cache before
// any TypeScript is loaded: the cache keeps the type-stripped and compiled modules between
// runs, which saves most of a short command's start-up (lint in CI runs many times).
// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
process.getBuiltinModule('node:module').enableCompileCache?.();
await import('./litegate.ts');
