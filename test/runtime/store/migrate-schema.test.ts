import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresForTests, withSkipReason, type PostgresNamespace } from '../../../fixtures/services/index.ts';
import { migrateSchema } from '../../../runtime/store/migrate-schema.ts';
import { PostgresKeyStore } from '../../../runtime/store/postgres-key-store.ts';

const postgres = await postgresForTests();

async function columns(client: pg.Client, schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name', [schema, table]);
  return rows.map((row) => row.column_name);
}

describe.skipIf(!postgres.available)(withSkipReason('key-store schema migration (PostgreSQL)', postgres), () => {
  let namespace: PostgresNamespace;
  let client: pg.Client;
  beforeEach(async () => {
    if (!postgres.available) throw new Error('unreachable');
    namespace = await postgres.service.namespace('migrate');
    client = new pg.Client({ connectionString: namespace.url });
    await client.connect();
  });
  afterEach(async () => {
    await client.end();
    await namespace.cleanup();
  });

  it('creates LiteLLM-named tables, and running it again (also concurrently) changes nothing', async () => {
    await migrateSchema(client, namespace.schema);
    await client.query(`INSERT INTO "${namespace.schema}"."LiteLLM_VerificationToken" (token, key_name) VALUES ('t', 'sk-...abcd')`);
    const others = await Promise.all(
      [1, 2, 3].map(async () => {
        const other = new pg.Client({ connectionString: namespace.url });
        await other.connect();
        try {
          await migrateSchema(other, namespace.schema);
        } finally {
          await other.end();
        }
      }),
    );
    expect(others).toHaveLength(3);
    expect((await client.query(`SELECT count(*)::int AS n FROM "${namespace.schema}"."LiteLLM_VerificationToken"`)).rows[0].n).toBe(1);
    expect(await columns(client, namespace.schema, 'LiteLLM_VerificationToken')).toEqual(
      [
        'blocked',
        'budget_duration',
        'budget_reset_at',
        'created_at',
        'expires',
        'key_alias',
        'key_name',
        'max_budget',
        'max_parallel_requests',
        'metadata',
        'models',
        'rpm_limit',
        'spend',
        'token',
        'tpm_limit',
        'updated_at',
      ].sort(),
    );
    expect(await columns(client, namespace.schema, 'LiteLLM_SpendLogs')).toContain('startTime');
  });

  it('uses the schema named by the URL’s schema parameter (Prisma’s convention)', async () => {
    const url = new URL(namespace.url);
    url.searchParams.delete('options');
    url.searchParams.set('schema', `${namespace.schema}_named`);
    const store = await PostgresKeyStore.open(url.toString());
    try {
      expect(store.schema).toBe(`${namespace.schema}_named`);
      const { rows } = await client.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [`${namespace.schema}_named`]);
      expect(rows.map((row) => row.table_name)).toEqual(['LiteLLM_SpendLogs', 'LiteLLM_VerificationToken']);
    } finally {
      await store.close();
      await client.query(`DROP SCHEMA IF EXISTS "${namespace.schema}_named" CASCADE`);
    }
  });

  it('defaults to the connection’s current schema', async () => {
    const store = await PostgresKeyStore.open(namespace.url);
    try {
      expect(store.schema).toBe(namespace.schema);
    } finally {
      await store.close();
    }
  });
});
