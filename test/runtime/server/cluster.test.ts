import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { parseWorkerCount } from '../../../runtime/server/cluster.ts';

type Line = Record<string, unknown>;

/** A fixture process whose JSON stdout lines can be awaited. */
function startFixture(env: Record<string, string>): { child: ChildProcess; lines: Line[]; waitFor(test: (line: Line) => boolean): Promise<Line>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'cluster-fixture.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Line[] = [];
  const waiters: { test: (line: Line) => boolean; resolve: (line: Line) => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (data: Buffer) => {
    buffer += data.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Line;
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor(test) {
      const seen = lines.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('parseWorkerCount', () => {
  it('accepts positive integers and auto (one per CPU)', () => {
    expect(parseWorkerCount('1')).toBe(1);
    expect(parseWorkerCount('8')).toBe(8);
    expect(parseWorkerCount('auto', 6)).toBe(6);
    expect(parseWorkerCount('auto', 0)).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'two', '', '2000'])('rejects %j with a message naming the flag', (value) => {
    const result = parseWorkerCount(value);
    expect(typeof result).toBe('object');
    expect((result as { error: string }).error).toMatch(/--workers/);
  });
});

describe('runClusterPrimary', () => {
  it('serves from every worker on one port, replaces a crashed worker, and stops all on SIGTERM', async () => {
    const fixture = startFixture({ CLUSTER_FIXTURE_WORKERS: '2' });
    started.push(fixture.child);
    await fixture.waitFor((line) => typeof line.log === 'string' && /2 worker\(s\) listening/.test(line.log));
    const workers = fixture.lines.filter((line) => line.worker !== undefined) as { worker: number; port: number }[];
    expect(workers).toHaveLength(2);
    expect(workers[0]?.port).toBe(workers[1]?.port);
    const url = `http://127.0.0.1:${workers[0]?.port}/`;

    // New connections are spread over the workers (round-robin on Linux).
    const answered = new Set<string>();
    for (let i = 0; i < 20 && answered.size < 2; i++) {
      const response = await request(url, { reset: true });
      answered.add(await response.body.text());
    }
    expect([...answered].sort()).toEqual(workers.map((w) => String(w.worker)).sort());

    const crashed = workers[0]?.worker as number;
    process.kill(crashed, 'SIGKILL');
    const replacement = (await fixture.waitFor((line) => typeof line.worker === 'number' && !workers.some((w) => w.worker === line.worker))) as { worker: number };
    expect(fixture.lines.some((line) => typeof line.log === 'string' && line.log.includes(`worker ${crashed} exited`))).toBe(true);

    fixture.child.kill('SIGTERM');
    expect(await fixture.exited).toBe(0);
    const live = [workers[1]?.worker as number, replacement.worker];
    // Each live worker ran its own graceful close before exiting.
    expect(fixture.lines.filter((line) => line.closing !== undefined).map((line) => line.closing).sort()).toEqual(live.sort());
    expect(fixture.lines.at(-1)).toEqual({ primaryExit: 0 });
    for (const pid of live) expect(alive(pid)).toBe(false);
  });

  it('stops with the worker exit code, forking nothing more, when the first worker fails to start', async () => {
    const fixture = startFixture({ CLUSTER_FIXTURE_WORKERS: '3', CLUSTER_FIXTURE_MODE: 'fail-start' });
    started.push(fixture.child);
    expect(await fixture.exited).toBe(3);
    expect(fixture.lines.filter((line) => line.failing !== undefined)).toHaveLength(1);
    expect(fixture.lines.at(-1)).toEqual({ primaryExit: 3 });
  });

  it('gives up with exit code 1 when workers keep crashing after starting', async () => {
    const fixture = startFixture({ CLUSTER_FIXTURE_WORKERS: '1', CLUSTER_FIXTURE_MODE: 'crash-loop' });
    started.push(fixture.child);
    expect(await fixture.exited).toBe(1);
    // The first worker plus maxRestarts (2) replacements; the third crash stops the cluster.
    expect(fixture.lines.filter((line) => line.worker !== undefined)).toHaveLength(3);
    expect(fixture.lines.some((line) => typeof line.log === 'string' && /3 worker crashes/.test(line.log))).toBe(true);
  });
});

describe('litegate serve --workers', () => {
  it('serves one port from two workers and exits 0 on SIGTERM with no worker left', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'litegate-cluster-'));
    const config = join(dir, 'litellm_config.yaml');
    writeFileSync(config, 'model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: http://127.0.0.1:9/v1\n      api_key: sk-test\ngeneral_settings:\n  master_key: sk-master\n');
    const cli = join(import.meta.dirname, '..', '..', '..', 'compiler', 'cli', 'litegate.ts');
    const child = spawn(process.execPath, [cli, 'serve', '--config', config, '--port', '0', '--workers', '2', '--log-format', 'silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(child);
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr?.on('data', (data: Buffer) => {
          stderr += data.toString();
          const match = /2 worker\(s\) listening on (http:\/\/\S+) \(primary pid/.exec(stderr);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const response = await request(`${url}/v1/models`, { headers: { authorization: 'Bearer sk-master' } });
      expect(response.statusCode).toBe(200);
      expect(((await response.body.json()) as { data: { id: string }[] }).data.map((model) => model.id)).toEqual(['m']);
      const { descendantPids } = await import('../../bench/processes.ts');
      const workers = descendantPids(child.pid as number);
      expect(workers).toHaveLength(2);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of workers) expect(alive(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
