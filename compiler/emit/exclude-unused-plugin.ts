/**
 * An esbuild plugin that keeps the runtime's optional modules out of a bundle unless the
 * plan needs them. The runtime loads adapters, strategies and its Redis modules through
 * dynamic `import()` with literal paths, which esbuild follows and bundles; this plugin
 * answers those particular imports (and only from the loader modules) with a stub that
 * throws a clear error, so the modules behind them, and ioredis, are never read.
 */
import type { Plugin } from 'esbuild';
import { strategyModules } from '../../runtime/router/load-strategy.ts';
import { allAdapterKinds, type BundleSelection } from './bundle-selection.ts';

const namespace = 'litegate-excluded';

/** A dynamic import answered with a stub. */
interface Exclusion {
  /** The importing module, relative to the repository root. */
  readonly importer: string;
  /** The import specifier as written there. */
  readonly specifier: string;
  /** What is missing, for the error message. */
  readonly what: string;
}

/** Lists the imports to stub for `selection`. */
export function exclusionsFor(selection: BundleSelection): Exclusion[] {
  const exclusions: Exclusion[] = [];
  for (const kind of allAdapterKinds) {
    if (selection.adapters.includes(kind)) continue;
    exclusions.push({ importer: 'runtime/providers/load-adapter.ts', specifier: `./${kind}/adapter.ts`, what: `the '${kind}' provider adapter` });
  }
  for (const [name, specifier] of Object.entries(strategyModules)) {
    if (name === selection.strategy) continue;
    exclusions.push({ importer: 'runtime/router/load-strategy.ts', specifier, what: `the '${name}' routing strategy` });
  }
  if (!selection.redisState) {
    exclusions.push({ importer: 'runtime/state/create-router-state.ts', specifier: './redis/create-redis-state.ts', what: 'Redis router state' });
  }
  if (!selection.redisCache) {
    exclusions.push({ importer: 'runtime/cache/create-response-cache.ts', specifier: './redis-cache-backend.ts', what: 'the Redis response cache' });
  }
  return exclusions;
}

/** The plugin; `root` is the repository root (absolute, with a trailing slash). */
export function excludeUnusedModules(selection: BundleSelection, root: string, configName: string): Plugin {
  const exclusions = exclusionsFor(selection);
  const bySpecifier = new Map<string, Exclusion[]>();
  for (const exclusion of exclusions) bySpecifier.set(exclusion.specifier, [...(bySpecifier.get(exclusion.specifier) ?? []), exclusion]);
  const filter = new RegExp(`^(${[...bySpecifier.keys()].map(escapeRegExp).join('|') || '(?!)'})$`);
  return {
    name: 'litegate-exclude-unused',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const importer = args.importer.startsWith(root) ? args.importer.slice(root.length).replaceAll('\\', '/') : args.importer;
        const match = bySpecifier.get(args.path)?.find((exclusion) => exclusion.importer === importer);
        return match ? { path: match.what, namespace } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        // Reached only if the runtime asks for a module the plan does not use (a plan edited
        // by hand); loadAdapter wraps this into its AdapterLoadError.
        contents: `throw new Error(${JSON.stringify(`${args.path} is not included in this bundle (built for ${configName}); rebuild it with litegate build`)});`,
        loader: 'js',
      }));
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
