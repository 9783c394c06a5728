import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30000,
    // the tests of growth (tests/growth.ts) collect garbage before each timed run, so that a
    // collection the run did not cause does not count against it, and a larger young generation
    // keeps promotion costs (which jump once a run's objects outgrow it) from passing for growth
    execArgv: ['--expose-gc', '--max-semi-space-size=64'],
  },
});
