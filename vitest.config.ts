import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Integration tests share one Redis and one PostgreSQL server; each file isolates itself
    // with a fresh queue prefix or database schema, so files may run in parallel.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
