/**
 * The virtual-key tables in PostgreSQL, through a `pg` pool. This is the only module that
 * imports `pg` at runtime, and it is itself imported lazily (create-virtual-keys.ts) when a
 * database URL is configured, so a proxy without a database never loads the driver.
 *
 * Schema: the `schema` query parameter of the URL (Prisma's convention, which LiteLLM's
 * DATABASE_URL uses; `connection_limit` sizes the pool likewise), else the connection's current schema (`public` unless the URL's
 * `options` set a search_path). Every statement names the schema explicitly.
 */
import pg from 'pg';
import type { KeyFields } from './key-fields.ts';
import { keyColumns, keyRecordFromRow, type KeyRecord } from './key-record.ts';
import { migrateSchema, qualified } from './migrate-schema.ts';
import type { SpendBatch, SpendLogRow } from './spend-queue.ts';
import { durationMs } from './budget-duration.ts';

/** Pool and timeouts. */
export interface PostgresKeyStoreOptions {
  /** general_settings.database_connection_pool_limit (LiteLLM default 10). */
  readonly poolSize?: number;
  /** How long to wait for a connection before calling the database unavailable (ms). */
  readonly connectTimeoutMs?: number;
  /** Per-query limit (ms), so a hung database fails requests instead of stalling them. */
  readonly queryTimeoutMs?: number;
  /** Called with idle-connection errors (the pool otherwise crashes the process on them). */
  readonly onPoolError?: (error: Error) => void;
}

/** A new key's row, before insertion. */
export interface NewKey {
  readonly token: string;
  readonly keyName: string;
  readonly fields: KeyFields;
}

/** Filters for /spend/logs. */
export interface SpendLogQuery {
  readonly apiKey?: string;
  readonly requestId?: string;
  readonly start?: Date;
  readonly end?: Date;
  readonly limit: number;
}

/** `host:port/database` of a URL, for messages (never the password). */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

function addMs(now: Date, ms: number | null | undefined): Date | null {
  return ms === null || ms === undefined ? null : new Date(now.getTime() + ms);
}

/** Keys and spend logs in PostgreSQL. */
export class PostgresKeyStore {
  readonly #pool: pg.Pool;
  readonly schema: string;
  readonly #keys: string;
  readonly #logs: string;

  private constructor(pool: pg.Pool, schema: string) {
    this.#pool = pool;
    this.schema = schema;
    this.#keys = qualified(schema, 'LiteLLM_VerificationToken');
    this.#logs = qualified(schema, 'LiteLLM_SpendLogs');
  }

  /** Connects, settles the schema and creates the tables when missing. Throws when the database cannot be reached. */
  static async open(url: string, options: PostgresKeyStoreOptions = {}): Promise<PostgresKeyStore> {
    const parsed = new URL(url);
    const schemaParam = parsed.searchParams.get('schema') ?? undefined;
    // Prisma's parameters (LiteLLM's DATABASE_URL is a Prisma URL) are not libpq's: read
    // what maps onto the pool, keep all of them away from the driver.
    const connectionLimit = Number(parsed.searchParams.get('connection_limit'));
    for (const prismaParam of ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size']) parsed.searchParams.delete(prismaParam);
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max: options.poolSize ?? (Number.isInteger(connectionLimit) && connectionLimit > 0 ? connectionLimit : 10),
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
      query_timeout: options.queryTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
    });
    pool.on('error', (error) => options.onPoolError?.(error));
    try {
      const client = await pool.connect();
      try {
        const schema = schemaParam ?? String((await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? 'public');
        await migrateSchema(client, schema);
        return new PostgresKeyStore(pool, schema);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Inserts a key; returns the stored row. */
  async insertKey(key: NewKey, now: Date): Promise<KeyRecord> {
    const fields = key.fields;
    const budgetMs = fields.budgetDuration ? durationMs(fields.budgetDuration) : undefined;
    const { rows } = await this.#pool.query(
      `INSERT INTO ${this.#keys} (token, key_name, key_alias, max_budget, budget_duration, budget_reset_at, expires, models, tpm_limit, rpm_limit, max_parallel_requests, metadata, blocked, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       RETURNING ${keyColumns}`,
      [
        key.token,
        key.keyName,
        fields.keyAlias ?? null,
        fields.maxBudget ?? null,
        fields.budgetDuration ?? null,
        addMs(now, budgetMs),
        addMs(now, fields.durationMs),
        fields.models ?? [],
        fields.tpmLimit ?? null,
        fields.rpmLimit ?? null,
        fields.maxParallelRequests ?? null,
        JSON.stringify(fields.metadata ?? {}),
        fields.blocked ?? false,
        now,
      ],
    );
    return keyRecordFromRow(rows[0]!);
  }

  /** The key with this hash, or undefined. */
  async findKey(token: string): Promise<KeyRecord | undefined> {
    const { rows } = await this.#pool.query(`SELECT ${keyColumns} FROM ${this.#keys} WHERE token = $1`, [token]);
    return rows[0] === undefined ? undefined : keyRecordFromRow(rows[0]);
  }

  /** Applies `fields` to a key; undefined when there is no such key. */
  async updateKey(token: string, fields: KeyFields, now: Date): Promise<KeyRecord | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [token];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (fields.models !== undefined) set('models', fields.models);
    if (fields.maxBudget !== undefined) set('max_budget', fields.maxBudget);
    if (fields.budgetDuration !== undefined) {
      set('budget_duration', fields.budgetDuration);
      set('budget_reset_at', addMs(now, fields.budgetDuration === null ? null : durationMs(fields.budgetDuration)));
    }
    if (fields.durationMs !== undefined) set('expires', addMs(now, fields.durationMs));
    if (fields.keyAlias !== undefined) set('key_alias', fields.keyAlias);
    if (fields.metadata !== undefined) set('metadata', JSON.stringify(fields.metadata));
    if (fields.rpmLimit !== undefined) set('rpm_limit', fields.rpmLimit);
    if (fields.tpmLimit !== undefined) set('tpm_limit', fields.tpmLimit);
    if (fields.maxParallelRequests !== undefined) set('max_parallel_requests', fields.maxParallelRequests);
    if (fields.blocked !== undefined) set('blocked', fields.blocked);
    set('updated_at', now);
    const { rows } = await this.#pool.query(`UPDATE ${this.#keys} SET ${sets.join(', ')} WHERE token = $1 RETURNING ${keyColumns}`, values);
    return rows[0] === undefined ? undefined : keyRecordFromRow(rows[0]);
  }

  /** Deletes keys by hash or alias; returns the hashes deleted. */
  async deleteKeys(tokens: readonly string[], aliases: readonly string[]): Promise<string[]> {
    const { rows } = await this.#pool.query<{ token: string }>(`DELETE FROM ${this.#keys} WHERE token = ANY($1::text[]) OR key_alias = ANY($2::text[]) RETURNING token`, [tokens, aliases]);
    return rows.map((row) => row.token);
  }

  /** A page of keys, newest first. */
  async listKeys(options: { readonly keyAlias?: string; readonly offset: number; readonly limit: number }): Promise<{ keys: KeyRecord[]; total: number }> {
    const where = options.keyAlias === undefined ? '' : 'WHERE key_alias = $3';
    const values: unknown[] = [options.limit, options.offset];
    if (options.keyAlias !== undefined) values.push(options.keyAlias);
    const [page, count] = await Promise.all([
      this.#pool.query(`SELECT ${keyColumns} FROM ${this.#keys} ${where} ORDER BY created_at DESC, token LIMIT $1 OFFSET $2`, values),
      this.#pool.query<{ total: string }>(`SELECT count(*) AS total FROM ${this.#keys} ${where.replace('$3', '$1')}`, options.keyAlias === undefined ? [] : [options.keyAlias]),
    ]);
    return { keys: page.rows.map(keyRecordFromRow), total: Number(count.rows[0]?.total ?? 0) };
  }

  /**
   * Writes one batch in one transaction: spend added to each key, log rows inserted.
   * All or nothing, so a failed batch can be retried whole. Log rows are keyed by request
   * id and skipped when present, so a retry after a commit whose answer was lost does not
   * duplicate them.
   */
  async writeBatch(batch: SpendBatch): Promise<void> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      if (batch.spend.size > 0) {
        await client.query(
          `UPDATE ${this.#keys} AS k SET spend = k.spend + d.delta FROM unnest($1::text[], $2::float8[]) AS d(token, delta) WHERE k.token = d.token`,
          [[...batch.spend.keys()], [...batch.spend.values()]],
        );
      }
      if (batch.logs.length > 0) await this.#insertLogs(client, batch.logs);
      await client.query('COMMIT');
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is discarded rather than reused.
      client.release(broken);
    }
  }

  async #insertLogs(client: pg.PoolClient, logs: readonly SpendLogRow[]): Promise<void> {
    const columns: unknown[][] = Array.from({ length: 15 }, () => []);
    for (const log of logs) {
      const values = [
        log.requestId,
        log.callType,
        log.apiKey,
        log.spend,
        log.promptTokens,
        log.completionTokens,
        log.promptTokens + log.completionTokens,
        log.startTime,
        log.endTime,
        log.model,
        log.modelId,
        log.modelGroup,
        log.provider,
        log.status,
        log.statusCode,
      ];
      for (let index = 0; index < values.length; index++) columns[index]!.push(values[index]);
    }
    const cacheHits = logs.map((log) => log.cacheHit);
    await client.query(
      `INSERT INTO ${this.#logs} (request_id, call_type, api_key, spend, prompt_tokens, completion_tokens, total_tokens, "startTime", "endTime", model, model_id, model_group, custom_llm_provider, status, status_code, cache_hit)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::int[], $6::int[], $7::int[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::bool[])
       ON CONFLICT (request_id) DO NOTHING`,
      [...columns, cacheHits],
    );
  }

  /**
   * Budget reset (LiteLLM's reset job, §10): keys whose `budget_reset_at` has passed get
   * spend 0 and their next reset time. Returns the hashes reset.
   */
  async resetBudgets(now: Date): Promise<string[]> {
    const { rows } = await this.#pool.query<{ token: string; budget_duration: string | null }>(
      `SELECT token, budget_duration FROM ${this.#keys} WHERE budget_reset_at <= $1 LIMIT 1000`,
      [now],
    );
    const reset: string[] = [];
    for (const row of rows) {
      const next = addMs(now, row.budget_duration === null ? null : durationMs(row.budget_duration));
      const result = await this.#pool.query(`UPDATE ${this.#keys} SET spend = 0, budget_reset_at = $2, updated_at = $3 WHERE token = $1 AND budget_reset_at <= $3`, [row.token, next, now]);
      if ((result.rowCount ?? 0) > 0) reset.push(row.token);
    }
    return reset;
  }

  /** Recent spend logs, newest first. */
  async spendLogs(query: SpendLogQuery): Promise<Record<string, unknown>[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      values.push(value);
      conditions.push(condition.replace('?', `$${values.length}`));
    };
    if (query.apiKey !== undefined) where('api_key = ?', query.apiKey);
    if (query.requestId !== undefined) where('request_id = ?', query.requestId);
    if (query.start !== undefined) where('"startTime" >= ?', query.start);
    if (query.end !== undefined) where('"startTime" <= ?', query.end);
    values.push(query.limit);
    const { rows } = await this.#pool.query(
      `SELECT request_id, call_type, api_key, spend, prompt_tokens, completion_tokens, total_tokens, "startTime", "endTime", model, model_id, model_group, custom_llm_provider, status, status_code, cache_hit
       FROM ${this.#logs} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY "startTime" DESC LIMIT $${values.length}`,
      values,
    );
    return rows;
  }

  /** Closes the pool. */
  async close(): Promise<void> {
    await this.#pool.end();
  }
}
