import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../compiler/plan/routing-plan.ts';
import { StreamModelRestamper } from '../../../runtime/server/restamp-model.ts';
import { lookupPrice } from '../../../runtime/router/price-table.ts';
import { hasPrice, stampChunkCost, stampLineCost, usageCost } from '../../../runtime/server/usage-cost.ts';

const deployment = (index: number, fields: Partial<Deployment>): Deployment => ({ index, upstreamModel: 'house-model', wildcard: false, ...fields }) as Deployment;
// gpt-4o is in the bundled table; its configured prices must win over the table's.
const priced = deployment(0, { upstreamModel: 'gpt-4o', inputCostPerToken: 0.5, outputCostPerToken: 2 });
const unpriced = deployment(1, {});
const listed = deployment(2, { upstreamModel: 'gpt-4o-mini' });
const usage = { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 };

describe('usageCost', () => {
  it('prices prompt and completion tokens with the configured prices first', () => {
    expect(usageCost(priced, usage)).toBe(8);
    expect(usageCost(priced, undefined)).toBeUndefined();
  });

  it('falls back to the bundled list price when the config has none', () => {
    const list = lookupPrice('gpt-4o-mini')!;
    expect(usageCost(listed, usage)).toBe(4 * list.input + 3 * list.output);
    // One configured price is not a price: the table decides (as /ui and key spend always did).
    expect(usageCost(deployment(3, { upstreamModel: 'gpt-4o-mini', inputCostPerToken: 1 }), usage)).toBe(4 * list.input + 3 * list.output);
  });

  it('gives no cost for a model neither the config nor the table prices, nor for a catch-all', () => {
    expect(usageCost(unpriced, usage)).toBeUndefined();
    expect(usageCost(deployment(4, { upstreamModel: 'house-model', inputCostPerToken: 1 }), usage)).toBeUndefined();
    expect(usageCost(deployment(5, { upstreamModel: '*', wildcard: true }), usage)).toBeUndefined();
    expect([priced, listed, unpriced].map(hasPrice)).toEqual([true, true, false]);
  });

  it('tells apart deployments of different plans that share an index', () => {
    expect(usageCost(deployment(0, { upstreamModel: 'house-model' }), usage)).toBeUndefined();
    expect(usageCost(priced, usage)).toBe(8);
  });
});

describe('stampLineCost', () => {
  it('adds usage.cost to the usage chunk line, keeping its line ending', () => {
    const line = Buffer.from(`data: ${JSON.stringify({ id: 'c', choices: [], usage })}\n`);
    const stamped = stampLineCost(line, priced)!.toString();
    expect(stamped.endsWith('}\n')).toBe(true);
    expect(JSON.parse(stamped.slice(6))).toEqual({ id: 'c', choices: [], usage: { ...usage, cost: 8 } });
  });

  it.each([
    ['no usage', `data: ${JSON.stringify({ id: 'c', choices: [{ delta: { content: '"usage"' } }] })}\n`],
    ['usage: null', `data: ${JSON.stringify({ id: 'c', usage: null })}\n`],
    ['a cost the provider reported', `data: ${JSON.stringify({ usage: { ...usage, cost: 0.1 } })}\n`],
    ['zero tokens', `data: ${JSON.stringify({ usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } })}\n`],
    ['not JSON', 'data: {"usage": broken\n'],
  ])('leaves the line alone: %s', (_name, text) => {
    expect(stampLineCost(Buffer.from(text), priced)).toBeUndefined();
  });

  it('runs after the model restamp, over any network cut', () => {
    const whole = Buffer.from(`data: ${JSON.stringify({ model: 'gpt-4o-2024', choices: [{ delta: { content: 'hi' } }] })}\n\ndata: ${JSON.stringify({ model: 'gpt-4o-2024', choices: [], usage })}\n\ndata: [DONE]\n\n`);
    for (const size of [1, 5, 40, whole.length]) {
      const restamper = new StreamModelRestamper('group', (line) => stampLineCost(line, priced));
      const out: Buffer[] = [];
      for (let at = 0; at < whole.length; at += size) out.push(restamper.push(whole.subarray(at, at + size)));
      out.push(restamper.end());
      const events = Buffer.concat(out).toString().split('\n\n').filter(Boolean);
      expect(events.at(-1)).toBe('data: [DONE]');
      expect(JSON.parse(events[1]!.slice(6))).toEqual({ model: 'group', choices: [], usage: { ...usage, cost: 8 } });
    }
  });
});

describe('stampChunkCost', () => {
  it('stamps a chunk object in place, once', () => {
    const chunk = { choices: [], usage: { ...usage } };
    expect(stampChunkCost(chunk, priced)).toBe(true);
    expect(chunk.usage).toEqual({ ...usage, cost: 8 });
    expect(stampChunkCost(chunk, priced)).toBe(false);
    expect(stampChunkCost({ usage: null }, priced)).toBe(false);
    expect(stampChunkCost({ usage: { ...usage } }, unpriced)).toBe(false);
  });

  it('stamps the bundled list price when the config has none', () => {
    const chunk: { usage: typeof usage & { cost?: number } } = { usage: { ...usage } };
    expect(stampChunkCost(chunk, listed)).toBe(true);
    expect(chunk.usage.cost).toBe(usageCost(listed, usage));
  });
});
