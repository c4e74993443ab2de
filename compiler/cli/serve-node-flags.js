// The Node/V8 and glibc settings `litegate serve` runs with, shared by the launcher
// (litegate.js), the Docker image `litegate build` writes, and the benchmark. Plain
// JavaScript: the launcher reads it before any TypeScript can load. Measured with
// `npm run bench` and --trace-gc (README, "Memory"):
// - a young generation of 8 MB per semi-space: V8 grows it to 64 MB under load, because a
//   proxy's in-flight requests survive its scavenges; at 8 MB a scavenge comes about every
//   250 requests instead of 500, for ~2 µs more GC per request (1% of the CPU) and 40+ MB less.
//   Not smaller: at concurrency 1 the scavenges would then reach the p99 (one request in 140);
// - at most two glibc malloc arenas (the main thread's, one shared by V8's worker threads,
//   whose compile jobs otherwise leave 8-10 MB behind in an arena each): 4-5 MB less at peak.
//   musl (Alpine) has no arenas and ignores it;
// - the old generation grows by a fixed 30% between full collections (V8's own factor when
//   it optimises for memory) instead of V8's dynamic factor: that one follows GC speed over
//   mutator speed, which during the JIT warm-up of a busy proxy reached 3.4 (15 MB live, next
//   full GC at 50 MB), and the pages stay committed afterwards. Steady 50-connection load,
//   3 runs each (--trace-gc-nvp): 111-112 vs 128-129 MB resident, CPU per request unchanged,
//   7-8 instead of 4 full collections in 25 s, mostly concurrent;
// - no Maglev, V8's mid-tier optimising compiler: hot code still reaches TurboFan, and the
//   functions Maglev would also compile stay in Sparkplug's baseline code. Its compile zones
//   leave glibc memory behind: steady 50-connection load with the other settings here, 3 runs
//   each, 111-113 vs 117-134 MB resident (glibc heap 10-16 vs 14-31 MB), CPU per request
//   unchanged.
// Not here: --no-concurrent-recompilation saves another ~10 MB, but moves every optimising
// compile onto the event loop: 20 s into a load test V8 still compiled 70 functions in 15 s
// (235 ms, up to 9 ms at a time), and the p99 latency got worse.

/** Node flags for the serve process, in order. */
export const serveNodeFlags = Object.freeze(['--max-semi-space-size=8', '--heap-growing-percent=30', '--no-maglev']);

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
 * way: a size, a growing factor or `--maglev` the user chose is kept.
 */
export function missingServeFlags(given) {
  const named = new Set(given.filter((flag) => flag.startsWith('--')).map(flagName));
  return serveNodeFlags.filter((flag) => !named.has(flagName(flag)));
}
