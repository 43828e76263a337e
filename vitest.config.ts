import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // The end-to-end tests run dist/: rebuilt first when src/ is newer (npm test builds first).
    globalSetup: ['__tests__/support/build-dist.ts'],
    // Most files wait on child processes, servers and bounded timeouts rather than the CPU:
    // three at once on two cores shortens the run without starving any of them.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // The JSON report lets CI print one plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    coverage: {
      provider: 'v8',
      // What runs in this process; dist/ run in child processes is not measured.
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportOnFailure: true,
      reportsDirectory: '.vitest/coverage',
      // Measured at 64.5% of lines and 53.1% of branches: a change that drops well below fails.
      thresholds: { lines: 60, branches: 50 },
    },
  },
});
