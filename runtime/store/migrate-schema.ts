/**
 * The key store's tables, created on startup (idempotent). Names follow LiteLLM's Prisma
 * schema (litellm-config.md §10) so people who know LiteLLM's database find their way:
 * `LiteLLM_VerificationToken` (one row per virtual key, keyed by the SHA-256 of the key) and
 * `LiteLLM_SpendLogs` (one row per request made with a virtual key). Only the columns
 * litegate uses exist; LiteLLM's user/team/organisation tables are not created.
 *
 * Several proxies may start at once against one database, and concurrent `CREATE TABLE IF
 * NOT EXISTS` can still collide on the catalog, so the DDL runs under a transaction-scoped
 * advisory lock.
 */
import type { Queryable } from './queryable.ts';

/** Arbitrary constant naming litegate's migration lock (pg_advisory_xact_lock takes a bigint). */
const migrationLockId = 7_311_042_025;

/** The unique index on key_alias (its name identifies the violation). */
export const keyAliasIndex = 'LiteLLM_VerificationToken_key_alias_key';

/** `"schema"."table"`, with the identifiers quoted (schema names come from configuration). */
export function qualified(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The DDL, in order. */
export function schemaStatements(schema: string): string[] {
  const keys = qualified(schema, 'LiteLLM_VerificationToken');
  const logs = qualified(schema, 'LiteLLM_SpendLogs');
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`,
    `CREATE TABLE IF NOT EXISTS ${keys} (
      token text PRIMARY KEY,
      key_name text NOT NULL,
      key_alias text,
      spend double precision NOT NULL DEFAULT 0,
      max_budget double precision,
      budget_duration text,
      budget_reset_at timestamptz,
      expires timestamptz,
      models text[] NOT NULL DEFAULT '{}',
      tpm_limit bigint,
      rpm_limit bigint,
      max_parallel_requests integer,
      metadata jsonb NOT NULL DEFAULT '{}',
      blocked boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier('LiteLLM_VerificationToken_budget_reset_at_idx')} ON ${keys} (budget_reset_at)`,
    // LiteLLM refuses a second key with the same alias; the database enforces it here.
    `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdentifier(keyAliasIndex)} ON ${keys} (key_alias) WHERE key_alias IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${logs} (
      request_id text PRIMARY KEY,
      call_type text NOT NULL,
      api_key text NOT NULL,
      spend double precision NOT NULL DEFAULT 0,
      prompt_tokens integer NOT NULL DEFAULT 0,
      completion_tokens integer NOT NULL DEFAULT 0,
      total_tokens integer NOT NULL DEFAULT 0,
      "startTime" timestamptz NOT NULL,
      "endTime" timestamptz NOT NULL,
      model text,
      model_id text,
      model_group text,
      custom_llm_provider text,
      status text NOT NULL,
      status_code integer NOT NULL,
      cache_hit boolean NOT NULL DEFAULT false
    )`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier('LiteLLM_SpendLogs_startTime_idx')} ON ${logs} ("startTime")`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdentifier('LiteLLM_SpendLogs_api_key_idx')} ON ${logs} (api_key)`,
  ];
}

/** Creates the schema and tables when missing; safe to run on every start, from several processes. */
export async function migrateSchema(client: Queryable, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockId]);
    for (const statement of schemaStatements(schema)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
