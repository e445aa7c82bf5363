// Builds and serves Steward for the benchmark, on loopback only, and signs in over HTTP the way
// a browser does (next-auth's credentials flow).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
/** Its own build folder: rebuilding `.next` could break a server or browser test running from it. */
export const DIST_DIR = ".next-bench";
// Used by other engineers' servers and browser tests on this machine.
const RESERVED_PORTS = new Set([3000, 3100, 3200, 4011]);

export function build(): void {
  // `next build` rewrites tsconfig.json and next-env.d.ts to point at its build folder; the
  // benchmark's folder must not leak into the project's files.
  const keep = ["tsconfig.json", "next-env.d.ts"].map((f) => [path.join(root, f), fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : null] as const);
  try {
    const r = spawnSync(nextBin, ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, STEWARD_NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  } finally {
    for (const [file, text] of keep) if (text !== null && fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  }
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (RESERVED_PORTS.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${from}`);
}

export interface Served {
  baseUrl: string;
  /** The server process (next start runs in it). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

/** `nodeArgs`: options for the node process that runs next (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
export async function serve(port: number, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Promise<Served> {
  if (!fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) throw new Error(`No build in ${DIST_DIR}; run without --no-build first.`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "w");
  let closed = false;
  const command = nodeArgs.length ? process.execPath : nextBin;
  const startArgs = ["start", "-H", "127.0.0.1", "-p", String(port)];
  const child: ChildProcess = spawn(command, nodeArgs.length ? [...nodeArgs, path.join(root, "node_modules", "next", "dist", "bin", "next"), ...startArgs] : startArgs, {
    cwd: root,
    stdio: ["ignore", log, log],
    detached: true, // its own process group, so stop() ends next and its workers together
    env: { ...process.env, ...env, STEWARD_NEXT_DIST_DIR: DIST_DIR, NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
    if (!closed) fs.closeSync(log);
    closed = true;
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${baseUrl}/api/auth/csrf`);
      if (res.ok) return { baseUrl, pid: child.pid, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`Steward did not start within 90 s; see ${logFile}`);
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** GET /api/auth/csrf, then POST the credentials with its cookie: returns the session cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in failed (HTTP ${res.status}): ${await res.text()}`);
  return [...jar, session].join("; ");
}
