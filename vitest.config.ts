import { defineConfig } from 'vitest/config';

/**
 * Unit tests sit beside the code (*.test.ts); integration tests in test/ drive the built lab
 * (out/), which the global setup builds when it is missing or older than the sources.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Timing checks need the machine's two cores to themselves: one file at a time.
    fileParallelism: false,
    pool: 'forks',
  },
});
