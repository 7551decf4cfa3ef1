import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // One file at a time: the cases kill, stop and time real processes on a small shared machine,
    // and parallel files would turn CPU contention into flaky timings.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 30_000,
    globalSetup: ['test/reliability/support/report-table.ts'],
  },
});
