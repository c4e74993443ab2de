import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchPerTurn, createLogger, prettyLine } from '../../../runtime/server/logger.ts';

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

  it('batches the lines of one event-loop turn into one write, in order', async () => {
    const writes: string[] = [];
    const out = new Writable({
      write(chunk, _encoding, done) {
        writes.push(String(chunk));
        done();
      },
    });
    const destination = batchPerTurn(out);
    destination.write('a\n');
    destination.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n']);
    destination.write('c\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('json to stdout: every line arrives, including those still buffered when the process exits', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const logger = new URL('../../../runtime/server/logger.ts', import.meta.url).href;
    const script = `const { createLogger } = await import(${JSON.stringify(logger)}); const log = createLogger('json'); for (let i = 0; i < 500; i++) log.info({ i }, 'request');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { i: number; msg: string });
    expect(lines).toHaveLength(500);
    expect(lines.at(-1)).toMatchObject({ i: 499, msg: 'request' });
  });
});
