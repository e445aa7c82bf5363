#!/usr/bin/env node
// `npm start`: everything a new user needs, with nothing but Node.js installed.
// Installs dependencies if missing, builds if the build is missing or older than the source,
// makes a session secret on first run, then serves Steward (embedded database unless
// DATABASE_URL is set). Migrations run inside the server at start-up.
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Each step says what it does and how long it usually takes (2 cores, idle), so a first run
// that is busy for a minute is not mistaken for one that hangs.
const step = (what, expected) => console.log(`[steward] ${what}${expected ? ` (usually ${expected})` : ""}…`);

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 14))
  console.warn(`[steward] Node.js ${process.versions.node} is past its end of life or too old for some dependencies; use Node.js 22.14+, 24 or 26 (README, Quick start).`);

if (!fs.existsSync(path.join(root, "node_modules", "next"))) {
  step("installing dependencies (first run)", "20–45 s");
  run(npm, fs.existsSync(path.join(root, "package-lock.json")) ? ["ci", "--no-audit", "--no-fund"] : ["install"]);
}

const stewardDir = path.join(root, ".steward");
fs.mkdirSync(stewardDir, { recursive: true });
if (!process.env.NEXTAUTH_SECRET) {
  // A per-installation secret, created once and kept beside the embedded database.
  const secretFile = path.join(stewardDir, "auth-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}
const port = process.env.PORT ?? "3000";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Steward drains in-flight requests on SIGTERM itself (server/runtime/shutdown.ts); Next.js would exit on its own.
process.env.NEXT_MANUAL_SIG_HANDLE = "1";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "server", "drizzle"].map((d) => path.join(root, d)).filter(fs.existsSync);
const stale = !fs.existsSync(buildId) || Math.max(...sources.map(newestMtime)) > fs.statSync(buildId).mtimeMs;
if (stale) {
  step(fs.existsSync(buildId) ? "rebuilding (the source changed)" : "building (first run; no type-check, `npm test` does that)", "30–40 s");
  const started = Date.now();
  run(npm, ["run", "build"]);
  console.log(`[steward] built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const dataDir = process.env.STEWARD_DATA_DIR ?? ".steward/db";
console.log(`[steward] starting on ${process.env.NEXTAUTH_URL} (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded database in " + dataDir})`);
if (!process.env.DATABASE_URL && !fs.existsSync(path.resolve(root, dataDir)))
  console.log("[steward] the first page takes about 10 s more: the embedded database is created and migrated on the first request.");
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", port], { cwd: root, stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
