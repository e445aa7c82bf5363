import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "server/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["domain/**/*.test.ts", "server/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // The server's info lines (an access-log line per request) would bury the test report.
    env: { STEWARD_LOG_LEVEL: process.env.STEWARD_LOG_LEVEL ?? "warn" },
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine.
    // Many files spend most of their time waiting (stalled clients, child processes, lock
    // timeouts, PostgreSQL), so one more worker than cores keeps both cores busy.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? os.availableParallelism() + 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
