import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30000,
    // The command line colours its output when FORCE_COLOR asks for it: tests that read its
    // plain output must not inherit a FORCE_COLOR from the shell (tests of colour set it themselves).
    env: { FORCE_COLOR: '' },
  },
});
