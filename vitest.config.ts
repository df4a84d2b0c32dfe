import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the sizewise bin once per run for the command line's end-to-end tests.
    globalSetup: ['test/cli/support/buildBin.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
