/** Router state held in this process only (the default: one instance, no Redis). */
import type { RouterState, StateOptions } from '../router-state.ts';
import { MemoryCooldowns } from './memory-cooldowns.ts';
import { MemoryInFlight } from './memory-in-flight.ts';
import { MemoryLatency } from './memory-latency.ts';
import { MemoryUsageCounters } from './memory-usage-counters.ts';

/** The in-memory state with its concrete types (the Redis state wraps them as local twins). */
export interface MemoryState extends RouterState {
  readonly usage: MemoryUsageCounters;
  readonly inFlight: MemoryInFlight;
  readonly latency: MemoryLatency;
  readonly cooldowns: MemoryCooldowns;
}

/** Fresh in-memory state. */
export function createMemoryState(options: StateOptions): MemoryState {
  return {
    kind: 'memory',
    usage: new MemoryUsageCounters(options.now),
    inFlight: new MemoryInFlight(),
    latency: new MemoryLatency(options.now, options.maxLatencySamples, options.latencyTtlSeconds),
    cooldowns: new MemoryCooldowns(options.now),
    async close() {},
  };
}
