/**
 * Virtual keys end to end: keys are generated through the management API of the real
 * proxy, used for chat completions against the provider simulator, and checked in the
 * PostgreSQL tables (one schema per test).
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { postgresForTests, withSkipReason, type PostgresNamespace } from '../../../fixtures/services/index.ts';
import { createLogger } from '../../../runtime/server/logger.ts';
import { hashKey } from '../../../runtime/store/key-token.ts';
import { call, costOf, masterKey, startKeyStack, streamUsage, type KeyStack } from './key-store-fixture.ts';

const postgres = await postgresForTests();

describe.skipIf(!postgres.available)(withSkipReason('virtual keys through the proxy (PostgreSQL)', postgres), () => {
  let namespace: PostgresNamespace;
  let stack: KeyStack | undefined;
  beforeEach(async () => {
    if (!postgres.available) throw new Error('unreachable');
    namespace = await postgres.service.namespace('keys');
  });
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
    await namespace.cleanup();
  });

  it('generates a key once, serves requests with it and records spend and spend logs after a flush', async () => {
    stack = await startKeyStack(namespace.url);
    const generated = await stack.admin('POST', '/key/generate', { models: ['gpt-4o'], max_budget: 5, key_alias: 'team-a', metadata: { owner: 'a' } });
    expect(generated.status).toBe(200);
    const key = generated.body.key as string;
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{22}$/);
    expect(generated.body).toMatchObject({ token: hashKey(key), key_alias: 'team-a', models: ['gpt-4o'], max_budget: 5, spend: 0, metadata: { owner: 'a' }, blocked: false });

    const first = await stack.chat(key);
    const second = await stack.chat(key, 'gpt-4o', { stream: true, stream_options: { include_usage: true } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const expected = costOf(first.body.usage) + costOf(streamUsage(second.body as string));
    expect(expected).toBeGreaterThan(0);

    // Nothing is written before the batch.
    const before = await stack.db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(before.rows[0].spend).toBe(0);
    expect(await stack.proxy.runtime.keys!.flush()).toBe(true);

    const row = await stack.db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(row.rows[0].spend).toBeCloseTo(expected, 10);
    const logs = await stack.db.query('SELECT request_id, api_key, model, model_group, spend, prompt_tokens, completion_tokens, status, status_code FROM "LiteLLM_SpendLogs" ORDER BY "startTime"');
    expect(logs.rows).toHaveLength(2);
    expect(logs.rows[0]).toMatchObject({
      request_id: first.headers.get('x-litellm-call-id'),
      api_key: hashKey(key),
      model: 'gpt-4o',
      model_group: 'gpt-4o',
      prompt_tokens: first.body.usage.prompt_tokens,
      completion_tokens: first.body.usage.completion_tokens,
      status: 'success',
      status_code: 200,
    });

    const info = await stack.admin('GET', `/key/info?key=${key}`);
    expect(info.status).toBe(200);
    expect(info.body.info.spend).toBeCloseTo(expected, 10);
    const spendLogs = await stack.admin('GET', `/spend/logs?api_key=${hashKey(key)}`);
    expect(spendLogs.body.map((log: { request_id: string }) => log.request_id).sort()).toEqual([first.headers.get('x-litellm-call-id'), second.headers.get('x-litellm-call-id')].sort());
  });

  it('counts spend the process has not written yet in /key/info', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate();
    const answer = await stack.chat(key);
    const info = await stack.admin('GET', `/key/info?key=${hashKey(key)}`);
    expect(info.body.info.spend).toBeCloseTo(costOf(answer.body.usage), 10);
  });

  it('refuses models outside the key’s list with 401 key_model_access_denied', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate({ models: ['gpt-4o'] });
    const refused = await stack.chat(key, 'gpt-4o-mini');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ type: 'key_model_access_denied', code: '401', param: 'model' });
    expect(refused.body.error.message).toContain('Tried to access gpt-4o-mini');
    expect(stack.simulator.callCount).toBe(0);
    expect((await stack.chat(key, 'gpt-4o')).status).toBe(200);

    // An empty list allows every model; an update takes effect at once in this process.
    await stack.admin('POST', '/key/update', { key, models: [] });
    expect((await stack.chat(key, 'gpt-4o-mini')).status).toBe(200);
  });

  it('refuses requests once spend reaches max_budget with 400 budget_exceeded', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate({ max_budget: 0.001 });
    // The first request is admitted (spend 0) and overshoots, as LiteLLM's async spend does.
    expect((await stack.chat(key)).status).toBe(200);
    const refused = await stack.chat(key);
    expect(refused.status).toBe(400);
    expect(refused.body.error.type).toBe('budget_exceeded');
    expect(refused.body.error.message).toMatch(/^Budget has been exceeded! Key=sk-\.\.\.[A-Za-z0-9_-]{4} Current cost: [\d.]+, Max budget: 0\.001$/);
    // Raising the budget lets it through again.
    await stack.admin('POST', '/key/update', { key, max_budget: 100 });
    expect((await stack.chat(key)).status).toBe(200);
  });

  it('resets spend when budget_duration passes', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    stack = await startKeyStack(namespace.url, { keyStore: { now: () => now } });
    const key = await stack.generate({ max_budget: 0.001, budget_duration: '1h' });
    expect((await stack.chat(key)).status).toBe(200);
    expect((await stack.chat(key)).status).toBe(400);
    await stack.proxy.runtime.keys!.flush();
    now += 61 * 60_000;
    await stack.proxy.runtime.keys!.flush();
    const row = await stack.db.query('SELECT spend, budget_reset_at FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(row.rows[0].spend).toBe(0);
    expect((row.rows[0].budget_reset_at as Date).getTime()).toBe(now + 3_600_000);
    expect((await stack.chat(key)).status).toBe(200);
  });

  it('refuses blocked, expired, deleted and unknown keys with 401', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    stack = await startKeyStack(namespace.url, { keyStore: { now: () => now } });
    const key = await stack.generate({ duration: '1h' });
    expect((await stack.chat(key)).status).toBe(200);

    expect((await stack.admin('POST', '/key/block', { key })).body.blocked).toBe(true);
    const blocked = await stack.chat(key);
    expect(blocked.status).toBe(401);
    expect(blocked.body.error.message).toContain('Key is blocked');
    expect((await stack.admin('POST', '/key/unblock', { key: hashKey(key) })).body.blocked).toBe(false);
    expect((await stack.chat(key)).status).toBe(200);

    now += 2 * 3_600_000;
    const expired = await stack.chat(key);
    expect(expired.status).toBe(401);
    expect(expired.body.error.type).toBe('expired_key');

    const other = await stack.generate();
    expect((await stack.chat(other)).status).toBe(200);
    const deleted = await stack.admin('POST', '/key/delete', { keys: [other] });
    expect(deleted.body).toEqual({ deleted_keys: [hashKey(other)] });
    const afterDelete = await stack.chat(other);
    expect(afterDelete.status).toBe(401);
    expect(afterDelete.body.error.message).toBe('Authentication Error, Invalid proxy server token passed.');
    expect((await stack.chat('sk-never-generated-key')).status).toBe(401);
    const noKey = await call(stack.proxy.url, 'POST', '/v1/chat/completions', undefined, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    expect(noKey.status).toBe(401);
    expect(noKey.body.error.message).toBe('Authentication Error, No api key passed in.');
    expect(stack.simulator.callCount).toBe(3);
  });

  it('enforces rpm_limit per key with 429 and retry-after, leaving other keys alone', async () => {
    stack = await startKeyStack(namespace.url);
    const limited = await stack.generate({ rpm_limit: 2 });
    const free = await stack.generate();
    expect((await stack.chat(limited)).status).toBe(200);
    expect((await stack.chat(limited)).status).toBe(200);
    const refused = await stack.chat(limited);
    expect(refused.status).toBe(429);
    expect(refused.body.error.type).toBe('rate_limit_error');
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await stack.chat(free)).status).toBe(200);
    // The master key is not a virtual key and has no key limits.
    expect((await stack.chat(masterKey)).status).toBe(200);
  });

  it('enforces tpm_limit per key once the tokens of the last minute reach it', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate({ tpm_limit: 5 });
    const first = await stack.chat(key);
    expect(first.status).toBe(200);
    expect(first.body.usage.total_tokens).toBeGreaterThanOrEqual(5);
    const refused = await stack.chat(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit-tokens')).toBe('5');
  });

  it('writes spend on its own every proxy_batch_write_at seconds', async () => {
    stack = await startKeyStack(namespace.url, { generalSettings: 'proxy_batch_write_at: 0.2' });
    const key = await stack.generate();
    const answer = await stack.chat(key);
    const db = stack.db;
    await vi.waitFor(
      async () => {
        const row = await db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
        expect(row.rows[0].spend).toBeCloseTo(costOf(answer.body.usage), 10);
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it('enforces max_parallel_requests per key while a request is in flight', async () => {
    stack = await startKeyStack(namespace.url, { scenario: { rules: [{ latency: 400 }] } });
    const key = await stack.generate({ max_parallel_requests: 1 });
    const [a, b] = await Promise.all([stack.chat(key), stack.chat(key)]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    // The slot is free again once the request finished.
    expect((await stack.chat(key)).status).toBe(200);
  });

  it('lets only the master key manage keys', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate();
    expect((await call(stack.proxy.url, 'POST', '/key/generate', key, {})).status).toBe(401);
    expect((await call(stack.proxy.url, 'GET', '/key/list', undefined)).status).toBe(401);
    expect((await call(stack.proxy.url, 'GET', '/key/list', key)).status).toBe(401);
    const invalid = await stack.admin('POST', '/key/generate', { max_budget: 'lots' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.param).toBe('max_budget');
    const missing = await stack.admin('GET', `/key/info?key=${hashKey('sk-not-a-key-anyone-has')}`);
    expect(missing.status).toBe(404);
    // Aliases are unique, as LiteLLM requires; a chosen key must be new.
    await stack.generate({ key_alias: 'taken' });
    const duplicateAlias = await stack.admin('POST', '/key/generate', { key_alias: 'taken' });
    expect(duplicateAlias.status).toBe(400);
    expect(duplicateAlias.body.error.param).toBe('key_alias');
    const renamed = await stack.admin('POST', '/key/update', { key, key_alias: 'taken' });
    expect(renamed.status).toBe(400);
    const duplicateKey = await stack.admin('POST', '/key/generate', { key });
    expect(duplicateKey.status).toBe(400);
    expect(duplicateKey.body.error.param).toBe('key');
    const chosen = await stack.admin('POST', '/key/generate', { key: 'sk-chosen-by-admin-123' });
    expect(chosen.status).toBe(200);
    expect((await stack.chat('sk-chosen-by-admin-123')).status).toBe(200);
  });

  it('lists keys by hash, or in full, with pagination', async () => {
    stack = await startKeyStack(namespace.url);
    const keys = [await stack.generate({ key_alias: 'one' }), await stack.generate({ key_alias: 'two' }), await stack.generate({ key_alias: 'three' })];
    const page = await stack.admin('GET', '/key/list?page=1&size=2');
    expect(page.body.total_count).toBe(3);
    expect(page.body.total_pages).toBe(2);
    expect(page.body.keys).toHaveLength(2);
    const all = await stack.admin('GET', '/key/list?size=100');
    expect(new Set(all.body.keys)).toEqual(new Set(keys.map(hashKey)));
    const full = await stack.admin('GET', '/key/list?key_alias=two&return_full_object=true');
    expect(full.body.keys).toEqual([expect.objectContaining({ key_alias: 'two', token: hashKey(keys[1]!) })]);
  });

  it('accepts a virtual key on /v1/models and in the api-key and x-api-key headers', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate();
    expect((await call(stack.proxy.url, 'GET', '/v1/models', key)).status).toBe(200);
    for (const header of ['api-key', 'x-api-key']) {
      const response = await fetch(`${stack.proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [header]: key },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('never stores or logs the raw key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    stack = await startKeyStack(namespace.url, { logger: createLogger('json', sink, 'debug') });
    const key = await stack.generate({ models: ['gpt-4o'] });
    await stack.chat(key);
    await stack.chat(key, 'gpt-4o-mini');
    await stack.admin('GET', `/key/info?key=${key}`);
    await stack.proxy.runtime.keys!.flush();
    const keyTable = await stack.db.query('SELECT row_to_json(t)::text AS row FROM "LiteLLM_VerificationToken" t');
    const logTable = await stack.db.query('SELECT row_to_json(t)::text AS row FROM "LiteLLM_SpendLogs" t');
    expect(keyTable.rows).toHaveLength(1);
    expect(logTable.rows).toHaveLength(2);
    const secret = key.slice(3);
    for (const { row } of [...keyTable.rows, ...logTable.rows]) expect(row).not.toContain(secret);
    expect(keyTable.rows[0].row).toContain(hashKey(key));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(secret);
  });

  it('lists keys on the dashboard by their abbreviation, with spend, never the key', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate({ key_alias: 'dashboard', max_budget: 2, models: ['gpt-4o'] });
    const answer = await stack.chat(key);
    const summary = await stack.admin('GET', '/ui/api/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.virtual_keys).toMatchObject({ available: true, total: 1 });
    expect(summary.body.virtual_keys.keys).toEqual([
      expect.objectContaining({ key_name: `sk-...${key.slice(-4)}`, key_alias: 'dashboard', max_budget: 2, models: ['gpt-4o'], blocked: false }),
    ]);
    expect(summary.body.virtual_keys.keys[0].spend).toBeCloseTo(costOf(answer.body.usage), 10);
    expect(JSON.stringify(summary.body)).not.toContain(key.slice(3));
  });

  it('honours disable_spend_logs and disable_spend_updates', async () => {
    stack = await startKeyStack(namespace.url, { generalSettings: 'disable_spend_logs: true\ndisable_spend_updates: true' });
    const key = await stack.generate();
    expect((await stack.chat(key)).status).toBe(200);
    expect(await stack.proxy.runtime.keys!.flush()).toBe(true);
    expect((await stack.db.query('SELECT count(*)::int AS n FROM "LiteLLM_SpendLogs"')).rows[0].n).toBe(0);
    expect((await stack.db.query('SELECT spend FROM "LiteLLM_VerificationToken"')).rows[0].spend).toBe(0);
  });

  it('writes the last batch on shutdown', async () => {
    stack = await startKeyStack(namespace.url);
    const key = await stack.generate();
    const answer = await stack.chat(key);
    const db = stack.db;
    await stack.proxy.close();
    const row = await db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(row.rows[0].spend).toBeCloseTo(costOf(answer.body.usage), 10);
    await stack.simulator.close();
    await db.end();
    stack = undefined;
  });
});
