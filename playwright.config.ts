import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { DESKTOP } from "./e2e/support/viewports";

// Debian's Chromium when present (CI and this project's machines); Playwright's own browser
// elsewhere, e.g. on a laptop that ran `npx playwright install`.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// Overridable so two test runs can share a machine.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 4011);
export const baseURL = `http://localhost:${APP_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL,
    // Recording a trace of every test cost CI about a fifth of the e2e time; there a failure
    // keeps its screenshot and the page's accessibility snapshot (error-context.md) instead.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: executablePath ? ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] : [],
    },
  },
  // foundation.spec.ts starts from a fresh database (first-run setup), so it runs first; the
  // other specs share its server and database afterwards.
  projects: [
    { name: "foundation", testMatch: /foundation\.spec\.ts$/, use: { ...devices["Desktop Chrome"], viewport: DESKTOP } },
    {
      name: "chromium",
      testIgnore: /foundation\.spec\.ts$/,
      dependencies: ["foundation"],
      use: { ...devices["Desktop Chrome"], viewport: DESKTOP },
    },
  ],
  webServer: [
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `http://127.0.0.1:${OIDC_PORT}/healthz`,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc` },
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 30_000,
    },
    {
      // A production build on a fresh embedded database, as a new user would run it.
      command: "node e2e/support/start-app.mjs",
      url: `${baseURL}/api/auth/csrf`,
      env: {
        PORT: String(APP_PORT),
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
        STEWARD_DATA_DIR: ".steward/e2e-db",
        OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "steward-e2e",
        OIDC_CLIENT_SECRET: "steward-e2e-secret-0123456789",
        OIDC_DISPLAY_NAME: "Test identity provider",
        OIDC_ROLE_MAP: "steward-group=steward",
        OIDC_DEFAULT_ROLE: "marketer",
        STEWARD_AUDIT_CHECKPOINT_KEY: "e2e-only-checkpoint-key-0123456789abcdef",
        // headers.spec.ts plays a proxy from this address; browsers connect from 127.0.0.1.
        STEWARD_TRUSTED_PROXIES: "127.0.0.2",
        // Problems only: an access-log line per request would bury the test report.
        STEWARD_LOG_LEVEL: "warn",
      },
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      timeout: 120_000,
    },
  ],
});
