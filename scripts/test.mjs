#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest — lint, formatting and import
// boundaries, types, unit and integration tests (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set), a production build, then the browser tests against that build on a fresh embedded database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const npmRun = (script) => ["npm", ["run", "--silent", script]];

// Each step is one or more commands, run in order; the first failure stops the suite.
const steps = [
  ["lint, format and boundaries", [npmRun("lint"), npmRun("format:check"), npmRun("depcruise")]],
  ["typecheck", [[bin("tsc"), ["--noEmit"]]]],
  ["unit and integration tests", [[bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"]]]],
  ["production build", [[bin("next"), ["build"]]]],
  ["end-to-end tests", [[bin("playwright"), ["test"]]]],
];

for (const [label, commands] of steps) {
  const started = Date.now();
  console.log(`\n=== ${label} ===`);
  for (const [cmd, args] of commands) {
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (r.status !== 0) {
      console.error(`\n✗ ${label} failed after ${secs}s (${[path.basename(cmd), ...args].join(" ")})`);
      process.exit(r.status ?? 1);
    }
  }
  console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

// One plain closing line over both runners, for people and for CI.
const read = (f) => JSON.parse(fs.readFileSync(path.join(root, "reports", f), "utf8"));
const unit = read("vitest.json");
const e2e = read("e2e.json").stats;
const passed = unit.numPassedTests + e2e.expected;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
