import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Builds the server that test/server-process.ts starts, when it is missing or stale.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // One file at a time: integration files measure CPU %, throughput and RSS against a real
    // engine, and two heavy files side by side on a 2-core CI machine skew each other's numbers.
    fileParallelism: false,
    // Files share one fork: a fresh fork per file cost 1-4 s each (~40 s of a CI run). The files
    // start their own servers and clean up after themselves; nothing global carries over.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
