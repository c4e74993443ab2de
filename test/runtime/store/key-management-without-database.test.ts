/** Without database_url the store is off: no key routes beyond a clear 400, only the master key authenticates. */
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';

describe('key management without a database', () => {
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('answers key routes with 400 no_db_connection after the master-key check', async () => {
    const plan = lowerToPlan(parse('model_list: []\ngeneral_settings: {master_key: sk-master-only}') as Record<string, unknown>, '/test/no-db.yaml');
    proxy = await startProxy({ plan, port: 0, env: {} });
    expect(proxy.runtime.keys).toBeUndefined();
    const generate = await fetch(`${proxy.url}/key/generate`, { method: 'POST', headers: { authorization: 'Bearer sk-master-only' }, body: '{}' });
    expect(generate.status).toBe(400);
    expect(((await generate.json()) as { error: { type: string } }).error.type).toBe('no_db_connection');
    const anonymous = await fetch(`${proxy.url}/key/list`);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    const wrongMethod = await fetch(`${proxy.url}/key/generate`);
    expect(wrongMethod.status).toBe(405);
    await wrongMethod.arrayBuffer();
  });

  it('lowers the store settings from general_settings', () => {
    const plan = lowerToPlan(
      parse('model_list: []\ngeneral_settings: {proxy_batch_write_at: 60, disable_spend_logs: true, allow_requests_on_db_unavailable: "true", user_api_key_cache_ttl: 5}') as Record<string, unknown>,
      '/test/settings.yaml',
    );
    expect(plan.auth.keyStore).toEqual({ batchWriteSeconds: 60, disableSpendLogs: true, allowRequestsOnDbUnavailable: true, keyCacheTtlSeconds: 5 });
    expect(lowerToPlan(parse('model_list: []') as Record<string, unknown>, '/test/none.yaml').auth.keyStore).toBeUndefined();
  });
});
