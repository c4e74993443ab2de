import { describe, expect, it } from 'vitest';
import { wrkScript } from './wrk-round.ts';

describe('wrkScript', () => {
  it('sets method, body and headers as Lua string literals, escaping quotes, backslashes and newlines', () => {
    const script = wrkScript({ authorization: 'Bearer sk-"x"', 'content-type': 'application/json' }, '{"a":"b\\\\c\n"}');
    expect(script).toContain('wrk.method = "POST"');
    expect(script).toContain('wrk.body = "{\\"a\\":\\"b\\\\\\\\c\\n\\"}"');
    expect(script).toContain('wrk.headers["authorization"] = "Bearer sk-\\"x\\""');
    expect(script).toContain('wrk.headers["content-type"] = "application/json"');
  });

  it('prints the summary as one JSON line with microsecond percentiles', () => {
    const script = wrkScript({}, '{}');
    expect(script).toMatch(/done = function\(summary, latency, requests\)/);
    expect(script).toContain('latency:percentile(50)');
    expect(script).toContain('latency:percentile(99)');
    expect(script).toContain('{"requests":%d,"durationUs":%d');
  });
});

describe('wrkScript with the histogram', () => {
  it('adds every distinct latency and its count to the JSON line only when asked', () => {
    expect(wrkScript({}, '{}')).not.toContain('histogram');
    const script = wrkScript({}, '{}', { histogram: true });
    expect(script).toContain('for i = 1, #latency do');
    expect(script).toContain('local value, count = latency(i)');
    expect(script).toContain('"histogram":[');
  });
});
