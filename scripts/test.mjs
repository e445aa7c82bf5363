#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest — lint, formatting and import
// boundaries beside the type check, unit and integration tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), a production build, then the browser tests against that build on a
// fresh embedded database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const npmRun = (script) => ["npm", ["run", "--silent", script]];

// A step is a list of lanes run side by side; a lane is a list of commands run in order. The
// checks are single-threaded, so on a 2-core machine lint and tsc together take the time of one.
const steps = [
  ["lint, format, boundaries and types", [[npmRun("lint"), npmRun("format:check"), npmRun("depcruise")], [[bin("tsc"), ["--noEmit"]]]]],
  ["unit and integration tests", [[[bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"]]]]],
  // Not beside vitest: both are CPU-bound, and on two cores together they took longer than one after the other.
  ["production build", [[[bin("next"), ["build"]]]]],
  ["end-to-end tests", [[[bin("playwright"), ["test"]]]]],
];

const label = (cmd, args) => [path.basename(cmd), ...args].join(" ");

/** Runs one command. Alone in its step it prints as it goes; beside others its output is held and printed whole, so lanes do not interleave. */
function run(cmd, args, live) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout?.on("data", (c) => chunks.push(c));
    child.stderr?.on("data", (c) => chunks.push(c));
    child.on("close", (code, signal) => {
      if (!live) process.stdout.write(Buffer.concat(chunks));
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function lane(commands, live) {
  for (const [cmd, args] of commands) {
    const status = await run(cmd, args, live);
    if (status !== 0) return { status, command: label(cmd, args) };
  }
  return { status: 0 };
}

for (const [name, lanes] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const results = await Promise.all(lanes.map((commands) => lane(commands, lanes.length === 1)));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const failed = results.find((r) => r.status !== 0);
  if (failed) {
    console.error(`\n✗ ${name} failed after ${secs}s (${failed.command})`);
    process.exit(failed.status);
  }
  console.log(`✓ ${name} (${secs}s)`);
}

// One plain closing line over both runners, for people and for CI.
const read = (f) => JSON.parse(fs.readFileSync(path.join(root, "reports", f), "utf8"));
const unit = read("vitest.json");
const e2e = read("e2e.json").stats;
const passed = unit.numPassedTests + e2e.expected;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
