import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../compiler/plan/routing-plan.ts';
import { StreamModelRestamper } from '../../../runtime/server/restamp-model.ts';
import { stampChunkCost, stampLineCost, usageCost } from '../../../runtime/server/usage-cost.ts';

const priced = { inputCostPerToken: 0.5, outputCostPerToken: 2 } as Deployment;
const unpriced = {} as Deployment;
const usage = { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 };

describe('usageCost', () => {
  it('prices prompt and completion tokens, only when both prices are configured', () => {
    expect(usageCost(priced, usage)).toBe(8);
    expect(usageCost(unpriced, usage)).toBeUndefined();
    expect(usageCost({ inputCostPerToken: 1 } as Deployment, usage)).toBeUndefined();
    expect(usageCost(priced, undefined)).toBeUndefined();
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
});
