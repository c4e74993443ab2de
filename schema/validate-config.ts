/**
 * Schema validation of a parsed config with the precompiled validator
 * (`validate-config.generated.js`, built by `npm run schema:generate`), so no schema is
 * compiled when a command starts.
 */
import type { ErrorObject } from 'ajv';
import { validate } from './validate-config.generated.js';

/** One schema violation as ajv reports it (keyword, params, instancePath, schemaPath). */
export type SchemaError = ErrorObject;

/**
 * Validates a config (the YAML document as plain data, includes already merged) against
 * `litellm-config.schema.json`. Returns every violation, or an empty array when it conforms.
 */
export function validateConfig(config: unknown): readonly SchemaError[] {
  if (validate(config)) return [];
  return [...(validate.errors ?? [])];
}
