// Builds and serves Steward for this benchmark on loopback, in its own build folder so that it
// never rebuilds the one a test server or the catalog benchmark (.next-bench) is serving.
// Sign-in and port picking are the catalog benchmark's.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
export { freePort, signIn } from "../catalog/server";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
export const DIST_DIR = ".next-bench-lineage";

export function build(): void {
  // `next build` points tsconfig.json and next-env.d.ts at its build folder: put them back.
  const keep = ["tsconfig.json", "next-env.d.ts"].map((f) => [path.join(root, f), fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : null] as const);
  try {
    const r = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, STEWARD_NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  } finally {
    for (const [file, text] of keep) if (text !== null && fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  }
}

export interface Served {
  baseUrl: string;
  stop: () => Promise<void>;
}

export async function serve(port: number, env: Record<string, string>, logFile: string): Promise<Served> {
  if (!fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) throw new Error(`No build in ${DIST_DIR}; run without --no-build first.`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "w");
  const child = spawn(nextBin, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", log, log],
    detached: true, // its own process group: stop() ends next and its workers, and only them
    env: { ...process.env, ...env, STEWARD_NEXT_DIST_DIR: DIST_DIR, NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1", STEWARD_DISABLE_JOBS: "1" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const stop = async () => {
    if (child.exitCode === null) {
      signal("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) signal("SIGKILL");
    }
    fs.closeSync(log);
  };
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/api/auth/csrf`)).ok) return { baseUrl, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`Steward did not start within 90 s; see ${logFile}`);
}
