/**
 * A virtual key as stored (one `LiteLLM_VerificationToken` row), its mapping from a pg row,
 * and the JSON shape the management endpoints answer with (LiteLLM's field names).
 */

/** One stored key. `token` is the SHA-256 hex of the key; the key itself is never kept. */
export interface KeyRecord {
  readonly token: string;
  /** `sk-...abcd`. */
  readonly keyName: string;
  readonly keyAlias: string | null;
  /** USD spent, as last read from the database (this process may hold more, unflushed). */
  readonly spend: number;
  readonly maxBudget: number | null;
  readonly budgetDuration: string | null;
  readonly budgetResetAt: Date | null;
  readonly expires: Date | null;
  /** Models (group names) the key may call; empty = all. */
  readonly models: readonly string[];
  readonly tpmLimit: number | null;
  readonly rpmLimit: number | null;
  readonly maxParallelRequests: number | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly blocked: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The table's columns, in the order `keyRecordFromRow` reads them. */
export const keyColumns =
  'token, key_name, key_alias, spend, max_budget, budget_duration, budget_reset_at, expires, models, tpm_limit, rpm_limit, max_parallel_requests, metadata, blocked, created_at, updated_at';

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  // bigint columns come back as strings from pg.
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

function dateOrNull(value: unknown): Date | null {
  return value instanceof Date ? value : value === null || value === undefined ? null : new Date(String(value));
}

/** Converts a pg row (selected with `keyColumns`). */
export function keyRecordFromRow(row: Record<string, unknown>): KeyRecord {
  return {
    token: String(row.token),
    keyName: String(row.key_name),
    keyAlias: typeof row.key_alias === 'string' ? row.key_alias : null,
    spend: numberOrNull(row.spend) ?? 0,
    maxBudget: numberOrNull(row.max_budget),
    budgetDuration: typeof row.budget_duration === 'string' ? row.budget_duration : null,
    budgetResetAt: dateOrNull(row.budget_reset_at),
    expires: dateOrNull(row.expires),
    models: Array.isArray(row.models) ? row.models.map(String) : [],
    tpmLimit: numberOrNull(row.tpm_limit),
    rpmLimit: numberOrNull(row.rpm_limit),
    maxParallelRequests: numberOrNull(row.max_parallel_requests),
    metadata: row.metadata !== null && typeof row.metadata === 'object' ? (row.metadata as Record<string, unknown>) : {},
    blocked: row.blocked === true,
    createdAt: dateOrNull(row.created_at) ?? new Date(0),
    updatedAt: dateOrNull(row.updated_at) ?? new Date(0),
  };
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** The key as /key/info, /key/list and /key/generate describe it (LiteLLM's names; `token` is the hash). */
export function keyJson(record: KeyRecord, spend = record.spend): Record<string, unknown> {
  return {
    token: record.token,
    key_name: record.keyName,
    key_alias: record.keyAlias,
    spend,
    max_budget: record.maxBudget,
    budget_duration: record.budgetDuration,
    budget_reset_at: iso(record.budgetResetAt),
    expires: iso(record.expires),
    models: record.models,
    tpm_limit: record.tpmLimit,
    rpm_limit: record.rpmLimit,
    max_parallel_requests: record.maxParallelRequests,
    metadata: record.metadata,
    blocked: record.blocked,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}
