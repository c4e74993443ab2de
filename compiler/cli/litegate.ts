#!/usr/bin/env node
// The CLI process wrapper, loaded by litegate.js. Runs TypeScript directly on Node >= 22.12 (type stripping);
// the exit code comes from the command, and an unexpected crash prints one line, no stack,
// unless LITEGATE_DEBUG is set.
import { main } from './main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`litegate: internal error: ${message}\n`);
    if (process.env.LITEGATE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
