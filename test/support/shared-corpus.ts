/**
 * Where the shared corpus of real LiteLLM configs lives: $LITEGATE_CORPUS, else ../shared
 * beside the checkout (as on developer machines and in CI). Outside CI a missing corpus skips
 * the corpus suites; under CI=true they run anyway, so a missing corpus fails loudly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDir = process.env.LITEGATE_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus/litellm-configs');

/** True when the corpus suites should run. */
export const runCorpus = existsSync(join(corpusDir, 'expected.tsv')) || process.env.CI === 'true';
