import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../runtime/server/logger.ts';
import { logRequest, requestLogLine, type RequestLogFields } from '../../../runtime/server/request-log-line.ts';

/** What pino itself writes for the same record at a fixed time (the logger's options, base: undefined). */
function pinoLine(fields: RequestLogFields, time: number): string {
  let written = '';
  const logger = pino({ level: 'info', base: undefined, timestamp: () => `,"time":${time}` }, { write: (line: string) => void (written += line) });
  // The record as the proxy logged it through pino before (undefined fields are left out).
  const { callId, route, status, model, deployment, error, cacheHit, ms } = fields;
  logger.info({ callId, route, status, model, deployment, error, ...(cacheHit ? { cacheHit } : {}), ms }, 'request');
  return written;
}

const cases: RequestLogFields[] = [
  { callId: 'c-1', route: '/v1/chat/completions', status: 200, model: 'gpt-4o', deployment: 'abc123', error: undefined, cacheHit: false, ms: 12.34 },
  { callId: 'c-2', route: '/chat/completions', status: 429, model: 'claude', deployment: undefined, error: 'RateLimitError', cacheHit: false, ms: 0.5 },
  { callId: 'c-3', route: '/v1/embeddings', status: 200, model: 'emb', deployment: 'd', error: undefined, cacheHit: true, ms: 1 },
  { callId: 'c-4', route: '/v1/chat/completions', status: 400, model: undefined, deployment: undefined, error: undefined, cacheHit: false, ms: 0 },
  // Names users choose may hold quotes, backslashes, control characters and any script.
  { callId: 'x"y\\z', route: '/openai/deployments/a"b/chat/completions', status: 200, model: '模型\n"quoted"\t\u0001', deployment: 'id', error: undefined, cacheHit: false, ms: 3.21 },
];

describe('requestLogLine', () => {
  it('writes exactly the line pino writes for the same record', () => {
    for (const fields of cases) expect(requestLogLine(fields, 1_795_000_000_000)).toBe(pinoLine(fields, 1_795_000_000_000));
  });

  it('is one JSON object per line with no field that could hold content or a key', () => {
    const parsed = JSON.parse(requestLogLine(cases[4]!, 1)) as Record<string, unknown>;
    expect(parsed.model).toBe('模型\n"quoted"\t\u0001');
    expect(Object.keys(parsed).sort()).toEqual(['callId', 'deployment', 'level', 'model', 'ms', 'msg', 'route', 'status', 'time']);
  });
});

describe('logRequest', () => {
  function capture(format: 'json' | 'pretty', level = 'info'): { logger: ReturnType<typeof createLogger>; text: () => string } {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    return { logger: createLogger(format, out, level), text: () => text };
  }

  it('goes through the logger destination: JSON lines, or the pretty format', () => {
    const json = capture('json');
    logRequest(json.logger, cases[0]!);
    expect(JSON.parse(json.text())).toMatchObject({ level: 30, msg: 'request', callId: 'c-1', status: 200 });
    const pretty = capture('pretty');
    logRequest(pretty.logger, cases[1]!);
    expect(pretty.text()).toMatch(/^\d\d:\d\d:\d\d INFO  request callId=c-2 route=\/chat\/completions status=429 model=claude error=RateLimitError ms=0\.5\n$/);
  });

  it('writes nothing when info is off', () => {
    const quiet = capture('json', 'warn');
    logRequest(quiet.logger, cases[0]!);
    expect(quiet.text()).toBe('');
  });
});
