/**
 * The database URL the key store uses: `general_settings.database_url` (a literal or an
 * `os.environ/` reference, resolved now, at startup), else the `DATABASE_URL` environment
 * variable, as LiteLLM reads it (litellm-config.md §6). Undefined = the store is off.
 */
import type { RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import { MissingSecretError, resolveValue, type MissingVariable } from '../secrets/resolve-targets.ts';

/** The URL, or undefined when none is configured. Throws MissingSecretError for a reference to an unset variable. */
export function resolveDatabaseUrl(plan: RoutingPlan, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const missing: MissingVariable[] = [];
  const url = resolveValue(plan.auth.databaseUrl, env, 'general_settings.database_url', missing);
  if (missing.length > 0) throw new MissingSecretError(missing);
  if (url !== undefined && url !== '') return url;
  const fromEnv = plan.auth.databaseUrlEnv === undefined ? undefined : env[plan.auth.databaseUrlEnv];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
