import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, prettyLine } from '../../../runtime/server/logger.ts';

function capture(format: 'json' | 'pretty' | 'silent') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(format, sink), lines };
}

describe('request logger', () => {
  it('pretty: one line per record with the fields as key=value', () => {
    expect(prettyLine({ level: 30, time: Date.UTC(2026, 0, 1, 12, 34, 56), msg: 'request', status: 200, model: 'gpt-4o', ms: 1.5 })).toBe('12:34:56 INFO  request status=200 model=gpt-4o ms=1.5\n');
    const { logger, lines } = capture('pretty');
    logger.info({ callId: 'c1', status: 401 }, 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  request callId=c1 status=401\n$/);
  });

  it('json: pino lines; silent: nothing', () => {
    const json = capture('json');
    json.logger.info({ status: 200 }, 'request');
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ level: 30, msg: 'request', status: 200 });
    const silent = capture('silent');
    silent.logger.info('x');
    expect(silent.lines).toEqual([]);
  });
});
