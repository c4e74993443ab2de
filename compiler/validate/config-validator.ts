/**
 * Schema validation through the precompiled standalone validator in schema/ (no schema is
 * compiled at startup, which keeps `litegate lint` fast).
 */
import { validateConfig } from '../../schema/validate-config.ts';
import type { SchemaError } from './translate-errors.ts';

/** Validates a merged config; returns every schema error (the validator uses allErrors). */
export function validateAgainstSchema(config: unknown): readonly SchemaError[] {
  return validateConfig(config);
}
