import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const INCLUDE = ["domain/**/*.test.ts", "server/**/*.test.ts", "components/**/*.test.ts"];
const ALONE = [
  "server/**/*.process.test.ts",
  "server/modules/jobs/scheduler.int.test.ts",
  "server/modules/email/email.int.test.ts",
  "server/validation/fuzz.int.test.ts",
  "server/db/raw-sql.int.test.ts",
  "server/db/advisory-lock.int.test.ts",
  "server/db/resilience.int.test.ts",
  "server/openapi/curl.test.ts",
  // Process-wide state of another kind: the shutdown's "draining" flag (readiness and the routes
  // answer by it), the decision recorder hook, and the hooks on Node's HTTP server.
  "server/runtime/health.int.test.ts",
  "server/modules/activation/usage.test.ts",
  "server/modules/activation/decision-api.int.test.ts",
  "server/http/node-server.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "server/testing/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    // The server's info lines (an access-log line per request) would bury the test report.
    env: { STEWARD_LOG_LEVEL: process.env.STEWARD_LOG_LEVEL ?? "warn" },
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine.
    // Many files spend most of their time waiting (stalled clients, child processes, lock
    // timeouts, PostgreSQL), so one more worker than cores keeps both cores busy.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? os.availableParallelism() + 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // Most files share their worker's module cache, so the server's modules (and PGlite's
      // WebAssembly) load once per worker instead of once per file: that loading was over half
      // of the suite's time.
      { extends: true, test: { name: "shared", include: INCLUDE, exclude: ALONE, isolate: false } },
      // Files that set process-wide state (environment, module mocks, the process's own database)
      // or start processes keep a module graph of their own.
      { extends: true, test: { name: "alone", include: ALONE } },
    ],
  },
});
