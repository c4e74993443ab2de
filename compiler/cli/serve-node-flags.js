// The Node/V8 settings `litegate serve` runs with, shared by the launcher (litegate.js), the
// Docker image `litegate build` writes, and the benchmark. Plain JavaScript: the launcher
// reads it before any TypeScript can load. Measured with `npm run bench` and callgrind
// (README, "Memory"):
// - a young generation of 8 MB per semi-space: V8 grows it to 64 MB under load, because a
//   proxy's in-flight requests survive its scavenges; at 8 MB a scavenge comes about every
//   250 requests instead of 500, for ~2 µs of GC per request (1% of the CPU) and 40+ MB less;
// - TurboFan on the main thread: compiled concurrently, its zone memory is freed on V8's
//   worker threads into glibc arenas of their own, which keep 8-10 MB each for good. The
//   proxy's hot functions are optimised once, in the first seconds of traffic;
// - at most two glibc malloc arenas (the main thread's, one shared by V8's worker threads):
//   4-5 MB less at peak. musl (Alpine) has no arenas and ignores it.

/** Node flags for the serve process, in order. */
export const serveNodeFlags = Object.freeze(['--max-semi-space-size=8', '--no-concurrent-recompilation']);

/** Environment variables for the serve process (glibc reads them when the process starts). */
export const serveEnvironment = Object.freeze({ MALLOC_ARENA_MAX: '2' });

/** The serve variables `env` does not set: a value the user chose is kept. */
export function missingServeEnvironment(env) {
  return Object.fromEntries(Object.entries(serveEnvironment).filter(([name]) => env[name] === undefined || env[name] === ''));
}

/** `--no-foo_bar=1` → `foo-bar`: a flag's name, whichever way it is spelled or set. */
function flagName(flag) {
  return flag.replace(/^--(no-)?/, '').split('=')[0].replaceAll('_', '-');
}

/**
 * The serve flags that none of `given` (node flags, NODE_OPTIONS words) sets already, either
 * way: a size or a `--concurrent-recompilation` the user chose is kept.
 */
export function missingServeFlags(given) {
  const named = new Set(given.filter((flag) => flag.startsWith('--')).map(flagName));
  return serveNodeFlags.filter((flag) => !named.has(flagName(flag)));
}
