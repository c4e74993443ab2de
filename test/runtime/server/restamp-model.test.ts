import { describe, expect, it } from 'vitest';
import { findTopLevelModel, restampJson, StreamModelRestamper } from '../../../runtime/server/restamp-model.ts';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('restampJson', () => {
  it.each([
    ['compact', '{"id":"x","model":"gpt-4o-2024-08-06","choices":[]}', '{"id":"x","model":"group","choices":[]}'],
    ['spaced (Python json.dumps)', '{"id": "x", "model": "gpt-4o", "n": 1}', '{"id": "x", "model": "group", "n": 1}'],
    ['leading blank lines', '\n\n{"model":"m"}', '\n\n{"model":"group"}'],
  ])('%s', (_name, input, expected) => {
    expect(restampJson(Buffer.from(input), 'group').toString()).toBe(expected);
  });

  it('ignores nested "model" keys and "model" inside strings', () => {
    const body = { id: 'x', meta: { model: 'inner' }, choices: [{ message: { content: '"model":"fake"', model: 'deep' } }], model: 'outer' };
    expect(JSON.parse(restampJson(json(body), 'group').toString())).toEqual({ ...body, model: 'group' });
  });

  it('handles escapes in the replaced value and in the new name', () => {
    const restamped = restampJson(json({ model: 'a\\"b', x: 1 }), 'g"1/é');
    expect(JSON.parse(restamped.toString())).toEqual({ model: 'g"1/é', x: 1 });
  });

  it('returns the same bytes when there is nothing to change', () => {
    for (const body of [json({ id: 'x' }), json({ model: 'group' }), json({ model: null }), Buffer.from('not json')]) {
      expect(restampJson(body, 'group')).toBe(body);
    }
  });

  it('finds only a string value of the top-level key', () => {
    expect(findTopLevelModel(json({ model: 5 }))).toBeUndefined();
    const bytes = json({ a: [1, { model: 'x' }], model: 'y' });
    const found = findTopLevelModel(bytes)!;
    expect(bytes.toString('utf8', found.start, found.end)).toBe('"y"');
  });
});

describe('StreamModelRestamper', () => {
  const events = [
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta: { content: 'hé' } }] })}\n\n`,
    ': keep-alive\n\n',
    `data: ${JSON.stringify({ id: 'c', model: 'gpt-4o-mini-2024-07-18', choices: [], usage: { prompt_tokens: 1 } })}\n\n`,
    'data: [DONE]\n\n',
  ];
  const whole = Buffer.from(events.join(''));
  const expected = whole.toString().replaceAll('gpt-4o-mini-2024-07-18', 'group');

  it('restamps every data event, whatever the network cuts', () => {
    for (const size of [1, 3, 7, 64, whole.length]) {
      const restamper = new StreamModelRestamper('group');
      const out: Buffer[] = [];
      for (let at = 0; at < whole.length; at += size) out.push(restamper.push(whole.subarray(at, at + size)));
      out.push(restamper.end());
      expect(Buffer.concat(out).toString(), `chunks of ${size}`).toBe(expected);
    }
  });

  it('sends a whole line at once and keeps only the unfinished one', () => {
    const restamper = new StreamModelRestamper('group');
    const first = restamper.push(Buffer.from(`${events[0]}data: {"mod`));
    expect(first.toString()).toBe(events[0]!.replace('gpt-4o-mini-2024-07-18', 'group'));
    expect(restamper.push(Buffer.from('el":"x"}')).length).toBe(0);
    expect(restamper.end().toString()).toBe('data: {"model":"group"}');
  });
});
