/**
 * The database going away and coming back: spend is kept in memory and written once it
 * is back (none lost), cached keys keep working, unknown keys fail closed with 503 unless
 * allow_requests_on_db_unavailable. The proxy reaches PostgreSQL through a loopback relay
 * the test cuts and restores.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresForTests, withSkipReason, type PostgresNamespace } from '../../../fixtures/services/index.ts';
import { hashKey } from '../../../runtime/store/key-token.ts';
import { costOf, startKeyStack, type KeyStack } from './key-store-fixture.ts';
import { startTcpRelay, type TcpRelay } from './tcp-relay.ts';

const postgres = await postgresForTests();

describe.skipIf(!postgres.available)(withSkipReason('virtual keys while the database blips (PostgreSQL)', postgres), () => {
  let namespace: PostgresNamespace;
  let relay: TcpRelay;
  let stack: KeyStack | undefined;

  /** The namespace URL, pointed at the relay. */
  function throughRelay(): string {
    const url = new URL(namespace.url);
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    return url.toString();
  }

  beforeEach(async () => {
    if (!postgres.available) throw new Error('unreachable');
    namespace = await postgres.service.namespace('blip');
    const target = new URL(namespace.url);
    relay = await startTcpRelay(target.hostname, Number(target.port || 5432));
  });
  afterEach(async () => {
    await relay.start();
    await stack?.close();
    stack = undefined;
    await relay.close();
    await namespace.cleanup();
  });

  it('keeps spend through an outage and writes all of it when the database is back', async () => {
    stack = await startKeyStack(namespace.url, { proxyDatabaseUrl: throughRelay() });
    const key = await stack.generate();
    const unused = await stack.generate();
    const costs: number[] = [];
    const chat = async () => {
      const answer = await stack!.chat(key);
      expect(answer.status).toBe(200);
      costs.push(costOf(answer.body.usage));
    };
    await chat();

    await relay.stop();
    // The key is cached, so it keeps working; its spend waits in memory.
    await chat();
    await chat();
    expect(await stack.proxy.runtime.keys!.flush()).toBe(false);
    await chat();
    expect(await stack.proxy.runtime.keys!.flush()).toBe(false);
    // A key that must be read from the database fails closed.
    const refused = await stack.chat(unused);
    expect(refused.status).toBe(503);
    expect(refused.body.error.type).toBe('service_unavailable');
    expect(refused.body.error.message).not.toContain(unused);

    await relay.start();
    expect(await stack.proxy.runtime.keys!.flush()).toBe(true);
    const row = await stack.db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(row.rows[0].spend).toBeCloseTo(
      costs.reduce((sum, cost) => sum + cost, 0),
      10,
    );
    const logs = await stack.db.query('SELECT count(*)::int AS n FROM "LiteLLM_SpendLogs" WHERE api_key = $1', [hashKey(key)]);
    expect(logs.rows[0].n).toBe(4);
    // The key unknown to the cache works again.
    expect((await stack.chat(unused)).status).toBe(200);
  });

  it('lets unchecked keys through while the database is down when allow_requests_on_db_unavailable is set, and charges them later', async () => {
    stack = await startKeyStack(namespace.url, { proxyDatabaseUrl: throughRelay(), generalSettings: 'allow_requests_on_db_unavailable: true' });
    const key = await stack.generate();
    await relay.stop();
    const answer = await stack.chat(key);
    expect(answer.status).toBe(200);
    await relay.start();
    expect(await stack.proxy.runtime.keys!.flush()).toBe(true);
    const row = await stack.db.query('SELECT spend FROM "LiteLLM_VerificationToken" WHERE token = $1', [hashKey(key)]);
    expect(row.rows[0].spend).toBeCloseTo(costOf(answer.body.usage), 10);
  });

  it('refuses to start when the database cannot be reached', async () => {
    await relay.stop();
    await expect(startKeyStack(namespace.url, { proxyDatabaseUrl: throughRelay() })).rejects.toThrow(/cannot open the virtual-key database at 127\.0\.0\.1:\d+\/test/);
  });
});
