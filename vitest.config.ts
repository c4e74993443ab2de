import { defineConfig } from 'vitest/config';

// One config for unit, integration and end-to-end tests. Tests live under test/,
// mirroring the source folders. Services (Redis, PostgreSQL) come from
// fixtures/services; under CI=true a missing service fails instead of skipping.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
