/**
 * Reads the settable fields of a key from a /key/generate or /key/update body (LiteLLM's
 * names: models, max_budget, budget_duration, duration, key_alias, metadata, rpm_limit,
 * tpm_limit, max_parallel_requests, blocked). Unknown fields are ignored, as LiteLLM's
 * request models ignore them; a field of the wrong type is a 400 naming it.
 */
import { durationMs } from './budget-duration.ts';

/** Fields to write; a key absent here is left unchanged (update) or defaulted (generate). */
export interface KeyFields {
  models?: string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  /** From `duration`: expiry as milliseconds from now; null = never expires. */
  durationMs?: number | null;
  keyAlias?: string | null;
  metadata?: Record<string, unknown>;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  maxParallelRequests?: number | null;
  blocked?: boolean;
}

/** A body field that could not be read. */
export interface FieldError {
  readonly param: string;
  readonly message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function limit(body: Record<string, unknown>, name: string, errors: FieldError[]): number | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  errors.push({ param: name, message: `${name} must be a non-negative integer or null, got ${JSON.stringify(value)}` });
  return undefined;
}

function duration(body: Record<string, unknown>, name: string, errors: FieldError[]): string | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string' && durationMs(value) !== undefined) return value.trim();
  errors.push({ param: name, message: `${name} must be a duration such as "30s", "30m", "30h" or "30d", got ${JSON.stringify(value)}` });
  return undefined;
}

/** Parses the key fields of a request body; the first error wins. */
export function parseKeyFields(body: Record<string, unknown>): { fields: KeyFields } | { error: FieldError } {
  const errors: FieldError[] = [];
  const fields: KeyFields = {};
  if (body.models !== undefined) {
    if (Array.isArray(body.models) && body.models.every((model) => typeof model === 'string')) fields.models = body.models as string[];
    else if (body.models === null) fields.models = [];
    else errors.push({ param: 'models', message: 'models must be a list of model names' });
  }
  if (body.max_budget !== undefined) {
    if (body.max_budget === null) fields.maxBudget = null;
    else if (typeof body.max_budget === 'number' && Number.isFinite(body.max_budget) && body.max_budget >= 0) fields.maxBudget = body.max_budget;
    else errors.push({ param: 'max_budget', message: `max_budget must be a non-negative number (USD) or null, got ${JSON.stringify(body.max_budget)}` });
  }
  const budgetDuration = duration(body, 'budget_duration', errors);
  if (budgetDuration !== undefined) fields.budgetDuration = budgetDuration;
  const expiresIn = duration(body, 'duration', errors);
  if (expiresIn !== undefined) fields.durationMs = expiresIn === null ? null : durationMs(expiresIn)!;
  if (body.key_alias !== undefined) {
    if (body.key_alias === null || typeof body.key_alias === 'string') fields.keyAlias = body.key_alias;
    else errors.push({ param: 'key_alias', message: 'key_alias must be a string or null' });
  }
  if (body.metadata !== undefined) {
    if (isObject(body.metadata)) fields.metadata = body.metadata;
    else if (body.metadata === null) fields.metadata = {};
    else errors.push({ param: 'metadata', message: 'metadata must be an object' });
  }
  const rpm = limit(body, 'rpm_limit', errors);
  if (rpm !== undefined) fields.rpmLimit = rpm;
  const tpm = limit(body, 'tpm_limit', errors);
  if (tpm !== undefined) fields.tpmLimit = tpm;
  const parallel = limit(body, 'max_parallel_requests', errors);
  if (parallel !== undefined) fields.maxParallelRequests = parallel;
  if (body.blocked !== undefined) {
    if (typeof body.blocked === 'boolean') fields.blocked = body.blocked;
    else errors.push({ param: 'blocked', message: 'blocked must be true or false' });
  }
  return errors.length > 0 ? { error: errors[0]! } : { fields };
}
