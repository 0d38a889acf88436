import { defineConfig } from 'vitest/config';

// One runner for every suite: unit tests sit beside the code, cross-process and browser tests in test/.
// Two cores on CI: keep file parallelism modest so Chromium and PGlite suites do not starve each other.
export default defineConfig({
  test: {
    include: ['src-*/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    globals: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
