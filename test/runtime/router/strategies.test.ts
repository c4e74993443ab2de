import { describe, expect, it } from 'vitest';
import type { Deployment, RoutingStrategyName } from '../../../compiler/plan/routing-plan.ts';
import { loadStrategy, strategyModules, strategyNames } from '../../../runtime/router/load-strategy.ts';
import { emptyStats, type CandidateStats } from '../../../runtime/router/strategies/routing-strategy.ts';
import { pickWeighted } from '../../../runtime/router/weighted-pick.ts';
import { seededRandom } from '../../../fixtures/simulator/seeded-random.ts';
import { deployment, type DeploymentSpec } from './plan-builder.ts';

function candidates(specs: readonly Omit<DeploymentSpec, 'group'>[]): Deployment[] {
  return specs.map((spec, index) => deployment({ group: 'g', ...spec }, index));
}

function stats(count: number, overrides: Partial<CandidateStats>): CandidateStats {
  return { ...emptyStats(count), ...overrides };
}

/** Share of `picks` draws that land on each candidate. */
async function shares(name: RoutingStrategyName, list: readonly Deployment[], candidateStats: CandidateStats, picks = 10_000, seed = 42, stream = false): Promise<number[]> {
  const strategy = await loadStrategy(name);
  const random = seededRandom(seed);
  const counts = new Array<number>(list.length).fill(0);
  for (let i = 0; i < picks; i++) {
    const weights = strategy.weigh(list, candidateStats, { inputTokens: 100, stream, args: { lowest_latency_buffer: 0.5 } });
    const index = pickWeighted(weights, random);
    if (index >= 0) counts[index]! += 1;
  }
  return counts.map((count) => count / picks);
}

interface Case {
  readonly name: string;
  readonly strategy: RoutingStrategyName;
  readonly deployments: readonly Omit<DeploymentSpec, 'group'>[];
  readonly stats?: Partial<CandidateStats>;
  readonly stream?: boolean;
  /** Expected share per candidate, within ± tolerance. */
  readonly expected: readonly number[];
  readonly tolerance?: number;
}

const cases: readonly Case[] = [
  { name: 'simple-shuffle: weights 3:1 give 75/25', strategy: 'simple-shuffle', deployments: [{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }], expected: [0.75, 0.25], tolerance: 0.02 },
  { name: 'simple-shuffle: rpm are weights when no weight is set', strategy: 'simple-shuffle', deployments: [{ id: 'a', rpm: 100 }, { id: 'b', rpm: 300 }], expected: [0.25, 0.75], tolerance: 0.02 },
  { name: 'simple-shuffle: tpm are weights when neither weight nor rpm is set', strategy: 'simple-shuffle', deployments: [{ id: 'a', tpm: 1000 }, { id: 'b', tpm: 1000 }], expected: [0.5, 0.5], tolerance: 0.02 },
  { name: 'simple-shuffle: weight on a later deployment only sends all traffic there (LiteLLM 2026)', strategy: 'simple-shuffle', deployments: [{ id: 'a' }, { id: 'b', weight: 2 }], expected: [0, 1], tolerance: 0 },
  { name: 'simple-shuffle: weight beats rpm', strategy: 'simple-shuffle', deployments: [{ id: 'a', weight: 1, rpm: 1000 }, { id: 'b', weight: 1, rpm: 1 }], expected: [0.5, 0.5], tolerance: 0.02 },
  { name: 'simple-shuffle: uniform without weights', strategy: 'simple-shuffle', deployments: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], expected: [0.25, 0.25, 0.25, 0.25], tolerance: 0.02 },
  { name: 'least-busy: picks the idle deployment', strategy: 'least-busy', deployments: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], stats: { inFlight: [3, 0, 1] }, expected: [0, 1, 0], tolerance: 0 },
  { name: 'least-busy: ties go to the first in config order', strategy: 'least-busy', deployments: [{ id: 'a' }, { id: 'b' }], stats: { inFlight: [2, 2] }, expected: [1, 0], tolerance: 0 },
  {
    name: 'latency-based: moves away from a slow deployment',
    strategy: 'latency-based-routing',
    deployments: [{ id: 'slow' }, { id: 'fast' }],
    stats: { latency: [[2.0, 2.2, 1.9], [0.2, 0.3]] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'latency-based: deployments within lowest_latency_buffer share traffic',
    strategy: 'latency-based-routing',
    deployments: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    stats: { latency: [[1.0], [1.4], [1.6]] },
    expected: [0.5, 0.5, 0],
    tolerance: 0.02,
  },
  {
    name: 'latency-based: a deployment without samples is tried first',
    strategy: 'latency-based-routing',
    deployments: [{ id: 'known' }, { id: 'new' }],
    stats: { latency: [[0.1], []] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'latency-based: streaming requests rank by time to first token',
    strategy: 'latency-based-routing',
    deployments: [{ id: 'a' }, { id: 'b' }],
    stats: { latency: [[0.1], [1.0]], timeToFirstToken: [[2.0], [0.1]] },
    stream: true,
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'latency-based: skips a fast deployment over its rpm',
    strategy: 'latency-based-routing',
    deployments: [{ id: 'fast', rpm: 10 }, { id: 'slow' }],
    stats: { latency: [[0.1], [1.0]], usage: [{ requests: 10, tokens: 0 }, { requests: 0, tokens: 0 }] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'usage-based v1: fewest tokens this minute',
    strategy: 'usage-based-routing',
    deployments: [{ id: 'a' }, { id: 'b' }],
    stats: { usage: [{ requests: 5, tokens: 900 }, { requests: 9, tokens: 100 }] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'usage-based v1: skips a deployment the request would push over tpm',
    strategy: 'usage-based-routing',
    deployments: [{ id: 'a', tpm: 1000 }, { id: 'b' }],
    stats: { usage: [{ requests: 1, tokens: 950 }, { requests: 1, tokens: 5000 }] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'usage-based v2: ties on fewest tokens are picked at random',
    strategy: 'usage-based-routing-v2',
    deployments: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    stats: { usage: [{ requests: 0, tokens: 10 }, { requests: 0, tokens: 10 }, { requests: 0, tokens: 50 }] },
    expected: [0.5, 0.5, 0],
    tolerance: 0.02,
  },
  {
    name: 'usage-based v2: tpm is a selection filter, rpm is not',
    strategy: 'usage-based-routing-v2',
    deployments: [{ id: 'a', tpm: 1000 }, { id: 'b', rpm: 1 }],
    stats: { usage: [{ requests: 0, tokens: 950 }, { requests: 50, tokens: 2000 }] },
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'cost-based: the cheapest declared price wins',
    strategy: 'cost-based-routing',
    deployments: [{ id: 'dear', inputCostPerToken: 1e-5, outputCostPerToken: 3e-5 }, { id: 'cheap', inputCostPerToken: 1e-7, outputCostPerToken: 2e-7 }],
    expected: [0, 1],
    tolerance: 0,
  },
  {
    name: 'cost-based: bundled prices when none are declared; unknown models cost 5.0 per token',
    strategy: 'cost-based-routing',
    deployments: [{ id: 'unknown', upstreamModel: 'my-finetune' }, { id: 'mini', upstreamModel: 'gpt-4o-mini-2024-07-18' }, { id: 'big', upstreamModel: 'gpt-4o' }],
    expected: [0, 1, 0],
    tolerance: 0,
  },
  {
    name: 'cost-based: a cheap deployment over its tpm is skipped',
    strategy: 'cost-based-routing',
    deployments: [{ id: 'cheap', upstreamModel: 'gpt-4o-mini', tpm: 100 }, { id: 'dear', upstreamModel: 'gpt-4o' }],
    stats: { usage: [{ requests: 1, tokens: 50 }, { requests: 0, tokens: 0 }] },
    expected: [0, 1],
    tolerance: 0,
  },
];

describe('routing strategies (seeded, 10,000 picks)', () => {
  it.each(cases)('$name', async (testCase) => {
    const list = candidates(testCase.deployments);
    const result = await shares(testCase.strategy, list, stats(list.length, testCase.stats ?? {}), 10_000, 7, testCase.stream ?? false);
    testCase.expected.forEach((expected, index) => {
      expect(Math.abs(result[index]! - expected), `candidate ${list[index]!.id}: ${result[index]} vs ${expected}`).toBeLessThanOrEqual(testCase.tolerance ?? 0);
    });
  });

  it('every strategy name loads its own module with a matching name', async () => {
    for (const name of strategyNames) {
      expect((await loadStrategy(name)).name).toBe(name);
      const direct = (await import(new URL(strategyModules[name], new URL('../../../runtime/router/load-strategy.ts', import.meta.url)).href)) as { default: { name: string } };
      expect(direct.default.name).toBe(name);
    }
  });

  it('every strategy gives no weight at all when every candidate is over its limits (except the limit-blind ones)', async () => {
    const list = candidates([{ id: 'a', rpm: 1, tpm: 10 }, { id: 'b', rpm: 1, tpm: 10 }]);
    const full = stats(2, { usage: [{ requests: 1, tokens: 10 }, { requests: 1, tokens: 10 }] });
    const zeroWeights = [];
    for (const name of strategyNames) {
      const weights = (await loadStrategy(name)).weigh(list, full, { inputTokens: 5, stream: false, args: {} });
      if (weights.every((weight) => weight === 0)) zeroWeights.push(name);
    }
    expect(zeroWeights.sort()).toEqual(['cost-based-routing', 'latency-based-routing', 'usage-based-routing', 'usage-based-routing-v2']);
  });

  it('the same seed gives the same pick sequence', async () => {
    const list = candidates([{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }]);
    const strategy = await loadStrategy('simple-shuffle');
    const sequence = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => pickWeighted(strategy.weigh(list, emptyStats(3), { inputTokens: 0, stream: false, args: {} }), random));
    };
    expect(sequence(1)).toEqual(sequence(1));
    expect(sequence(1)).not.toEqual(sequence(2));
  });
});
