import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Quiet Powertools in tests; tests that read logs raise the level themselves.
    env: { POWERTOOLS_METRICS_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "SILENT" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/infra/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One local stack is shared; files run one after another so they don't trip over each other's faults.
          fileParallelism: false,
          // A page updates within a second on a quiet machine, but a loaded 2-core runner (DynamoDB Local,
          // Chromium and the stream poller at once) has taken longer: 1 s (vitest's default) made waits flaky.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
