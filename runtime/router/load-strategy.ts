/**
 * Loads one strategy module by name. Each lives in its own file under strategies/, so a
 * process (or a bundle built for one config) loads only the strategy that config names.
 */
import type { RoutingStrategyName } from '../../compiler/plan/routing-plan.ts';
import type { RoutingStrategy } from './strategies/routing-strategy.ts';

const loaders: Readonly<Record<RoutingStrategyName, () => Promise<{ default: RoutingStrategy }>>> = {
  'simple-shuffle': () => import('./strategies/simple-shuffle.ts'),
  'least-busy': () => import('./strategies/least-busy.ts'),
  'latency-based-routing': () => import('./strategies/latency-based-routing.ts'),
  'usage-based-routing': () => import('./strategies/usage-based-routing.ts'),
  'usage-based-routing-v2': () => import('./strategies/usage-based-routing-v2.ts'),
  'cost-based-routing': () => import('./strategies/cost-based-routing.ts'),
};

/**
 * The module of each strategy, relative to this directory, for the bundle emitter: a bundle
 * for one config can import exactly that module and pass it to createRouter.
 */
export const strategyModules: Readonly<Record<RoutingStrategyName, string>> = {
  'simple-shuffle': './strategies/simple-shuffle.ts',
  'least-busy': './strategies/least-busy.ts',
  'latency-based-routing': './strategies/latency-based-routing.ts',
  'usage-based-routing': './strategies/usage-based-routing.ts',
  'usage-based-routing-v2': './strategies/usage-based-routing-v2.ts',
  'cost-based-routing': './strategies/cost-based-routing.ts',
};

/** The names `routing_strategy` accepts. */
export const strategyNames = Object.keys(loaders) as RoutingStrategyName[];

/** Imports the module of one strategy and returns it. */
export async function loadStrategy(name: RoutingStrategyName): Promise<RoutingStrategy> {
  const load = loaders[name];
  // The compiler rejects unknown names; this guards plans built by hand.
  if (!load) throw new Error(`unknown routing_strategy '${String(name)}' (expected one of: ${strategyNames.join(', ')})`);
  return (await load()).default;
}
