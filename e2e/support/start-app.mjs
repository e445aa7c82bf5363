// Starts the production build for the browser tests on a fresh embedded database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const dataDir = path.resolve(root, process.env.STEWARD_DATA_DIR ?? ".steward/e2e-db");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock.json`, { force: true });

// NEXT_MANUAL_SIG_HANDLE: Steward drains on SIGTERM itself (server/runtime/shutdown.ts), as `npm start` does.
const env = { ...process.env, STEWARD_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "1" };
delete env.DATABASE_URL; // the e2e run proves the embedded default
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", process.env.PORT ?? "3100"], { cwd: root, stdio: "inherit", env });
// The request-limit spec reads the server's memory use from /proc.
fs.mkdirSync(path.join(root, ".steward"), { recursive: true });
fs.writeFileSync(path.join(root, ".steward", "e2e-app.pid"), String(server.pid));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
