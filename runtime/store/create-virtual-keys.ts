/**
 * Builds the virtual-key service for a proxy: connects to PostgreSQL, creates the tables
 * when missing and starts the spend writer. Imported lazily by start-proxy.ts only when a
 * database URL is configured, so `pg` is never loaded otherwise.
 */
import type { RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import { describeDatabase, PostgresKeyStore } from './postgres-key-store.ts';
import { VirtualKeys, type StoreLogger, type VirtualKeySettings } from './virtual-keys.ts';

/** LiteLLM's defaults (litellm-config.md §6). */
const defaultBatchWriteSeconds = 10;
const defaultKeyCacheTtlSeconds = 60;

/** Options beyond the plan. */
export interface CreateVirtualKeysOptions {
  readonly logger: StoreLogger;
  /** Clock for expiry, budgets and rate windows (tests). */
  readonly now?: () => number;
  /** Bound on spend-log rows held while the database is down. */
  readonly maxLogRows?: number;
}

/** Startup failure: the database could not be reached or migrated. */
export class KeyStoreUnavailableError extends Error {
  constructor(database: string, cause: unknown) {
    super(`cannot open the virtual-key database at ${database}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'KeyStoreUnavailableError';
  }
}

/** The settings from the plan's general_settings, with LiteLLM's defaults. */
export function virtualKeySettings(plan: RoutingPlan, databaseUrl: string): VirtualKeySettings {
  const settings = plan.auth.keyStore ?? {};
  const seconds = (value: number | undefined, fallback: number) => (value !== undefined && value > 0 ? value : fallback);
  return {
    batchWriteMs: seconds(settings.batchWriteSeconds, defaultBatchWriteSeconds) * 1000,
    cacheTtlMs: (settings.keyCacheTtlSeconds !== undefined && settings.keyCacheTtlSeconds >= 0 ? settings.keyCacheTtlSeconds : defaultKeyCacheTtlSeconds) * 1000,
    disableSpendLogs: settings.disableSpendLogs ?? false,
    disableSpendUpdates: settings.disableSpendUpdates ?? false,
    allowRequestsOnDbUnavailable: settings.allowRequestsOnDbUnavailable ?? false,
    defaultMaxParallelRequests: settings.maxParallelRequests !== undefined && settings.maxParallelRequests > 0 ? settings.maxParallelRequests : null,
    databaseName: describeDatabase(databaseUrl),
  };
}

/** Opens the store (migrating it) and starts the spend writer. Throws KeyStoreUnavailableError. */
export async function createVirtualKeys(plan: RoutingPlan, databaseUrl: string, options: CreateVirtualKeysOptions): Promise<VirtualKeys> {
  const settings = virtualKeySettings(plan, databaseUrl);
  let store: PostgresKeyStore;
  try {
    store = await PostgresKeyStore.open(databaseUrl, { onPoolError: (error) => options.logger.warn({ err: error.message, database: settings.databaseName }, 'virtual-key database connection error') });
  } catch (error) {
    throw new KeyStoreUnavailableError(settings.databaseName, error);
  }
  const keys = new VirtualKeys(store, settings, options);
  keys.start();
  return keys;
}
