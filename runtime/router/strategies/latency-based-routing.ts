/**
 * latency-based-routing: the lowest average latency wins; every candidate within
 * `lowest_latency_buffer` (a fraction) of it is picked uniformly. Latency is seconds per
 * completion token for complete responses (as LiteLLM), and time to first token in seconds
 * for streaming requests when samples exist (LiteLLM 2026). Candidates without samples
 * average 0, so new deployments get tried. Candidates over their rpm/tpm this minute are
 * skipped.
 *
 * Differences from LiteLLM V25, chosen because they are what the strategy is for: the
 * average divides by the number of samples of the list being averaged (V25 divides TTFT
 * sums by the latency list's length), and the sample list slides (state/*-latency.ts).
 */
import type { RoutingStrategy } from './routing-strategy.ts';
import { overLimits } from './routing-strategy.ts';

const latencyBasedRouting: RoutingStrategy = {
  name: 'latency-based-routing',
  needs: ['latency', 'usage'],
  weigh(candidates, stats, request) {
    const buffer = Number(request.args['lowest_latency_buffer'] ?? 0) || 0;
    const averages = candidates.map((deployment, index) => {
      if (overLimits(deployment, stats.usage[index], request.inputTokens)) return undefined;
      const ttft = stats.timeToFirstToken[index] ?? [];
      const samples = request.stream && ttft.length > 0 ? ttft : (stats.latency[index] ?? []);
      return samples.length === 0 ? 0 : samples.reduce((sum, value) => sum + value, 0) / samples.length;
    });
    let lowest = Infinity;
    for (const average of averages) if (average !== undefined && average < lowest) lowest = average;
    if (lowest === Infinity) return candidates.map(() => 0);
    const ceiling = lowest * (1 + buffer);
    return averages.map((average) => (average !== undefined && average <= ceiling ? 1 : 0));
  },
};

export default latencyBasedRouting;
