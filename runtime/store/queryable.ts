/**
 * The slice of `pg`'s client the store uses, so the store's modules need only types from
 * `pg` (it is imported at runtime by postgres-key-store.ts alone, and only when a database
 * URL is configured).
 */

/** A pg Client or PoolClient. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}
