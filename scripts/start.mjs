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

if (!fs.existsSync(path.join(root, "node_modules", "next"))) {
  console.log("[steward] installing dependencies (first run)…");
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
  console.log("[steward] building…");
  run(npm, ["run", "build"]);
}

console.log(`[steward] starting on ${process.env.NEXTAUTH_URL} (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded database in " + (process.env.STEWARD_DATA_DIR ?? ".steward/db")})`);
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", port], { cwd: root, stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
