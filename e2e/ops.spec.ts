import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { expect, test } from "./support/test";

// Operations (issue 18, item 9): liveness and readiness without a session, the request id on
// every answer, and a real `next start` that drains a request in flight on SIGTERM.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("/api/health answers without a session and without asking the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
  expect(res.headers()["cache-control"]).toBe("no-store");
});

test("/api/ready answers without a session: database reachable, migrations applied, not stopping", async ({ request }) => {
  const res = await request.get("/api/ready");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", draining: false } });
  expect(res.headers()["cache-control"]).toBe("no-store");
});

test("every answer carries the request id: a caller's plain one kept, anything else replaced", async ({ request }) => {
  for (const url of ["/api/health", "/sign-in", "/api/trpc/setup.status"]) {
    const kept = await request.get(url, { headers: { "x-request-id": "lb-trace.42" } });
    expect(kept.headers()["x-request-id"], url).toBe("lb-trace.42");
    const replaced = await request.get(url, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers()["x-request-id"], url).toMatch(UUID);
    const made = await request.get(url);
    expect(made.headers()["x-request-id"], url).toMatch(UUID);
  }
});

test.describe("a real server on SIGTERM", () => {
  const port = Number(process.env.E2E_STOP_PORT ?? 3261);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = path.resolve(".steward", "e2e-stop-db");
  let server: ChildProcess | undefined;

  test.afterEach(() => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  });

  test("finishes the request in flight, refuses new connections, frees the database's lock and exits 0", async () => {
    test.setTimeout(180_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.lock.json`, { force: true });
    server = spawn(path.resolve("node_modules", ".bin", "next"), ["start", "-p", String(port)], {
      env: {
        ...process.env,
        PORT: String(port),
        NEXTAUTH_URL: base,
        NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
        STEWARD_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_MANUAL_SIG_HANDLE: "1",
        STEWARD_LOG_LEVEL: "info",
        STEWARD_SHUTDOWN_TIMEOUT: "20",
        STEWARD_DISABLE_JOBS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = "";
    readline.createInterface({ input: server.stdout! }).on("line", (line) => {
      if (line.startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    server.stderr!.on("data", (d) => (stderr += d));
    // "close", not "exit": after the last of its output has been read.
    const exited = new Promise<number | null>((resolve) => server!.on("close", (code) => resolve(code)));

    await expect
      .poll(
        () =>
          fetch(`${base}/api/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 120_000, intervals: [500] },
      )
      .toBe(200);
    expect(fs.existsSync(`${dataDir}.lock.json`)).toBe(true);

    // A write whose body is still being uploaded when the signal arrives: in flight until sent.
    const body = JSON.stringify({ json: { name: "Stella Stop", email: "stella.stop@example.test", password: "stella stop passphrase" } });
    const half = Math.floor(body.length / 2);
    const upload = http.request(`${base}/api/trpc/setup.createFirstAdmin`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), origin: base, "x-request-id": "e2e-drain-1" },
    });
    const answered = new Promise<{ status: number; body: string; id: unknown }>((resolve, reject) => {
      upload.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, body: text, id: res.headers["x-request-id"] }));
      });
      upload.on("error", reject);
    });
    upload.write(body.slice(0, half));
    // The server knows its listening socket from the first request its hooks see; the very first
    // request can come before instrumentation has installed them, and is then not logged. Ask
    // again until one is.
    const seen = () => lines.some((l) => l.msg === "request" && l.path === "/api/ready");
    await expect
      .poll(
        async () => {
          if (!seen()) await fetch(`${base}/api/ready`);
          return seen();
        },
        { timeout: 30_000, intervals: [200], message: `${JSON.stringify(lines)} ${stderr}` },
      )
      .toBe(true);
    await new Promise((r) => setTimeout(r, 300));

    server.kill("SIGTERM");
    await expect
      .poll(
        () =>
          fetch(`${base}/api/health`).then(
            () => "accepted",
            (e: { cause?: { code?: string } }) => e.cause?.code,
          ),
        { timeout: 5_000, intervals: [100] },
      )
      .toBe("ECONNREFUSED");
    expect(server.exitCode).toBeNull(); // still finishing the upload

    upload.end(body.slice(half));
    const answer = await answered;
    expect(answer.status, answer.body).toBe(200);
    expect(answer.id).toBe("e2e-drain-1");
    expect(await exited).toBe(0);
    expect(fs.existsSync(`${dataDir}.lock.json`)).toBe(false);

    const at = (match: (l: Record<string, unknown>) => boolean) => lines.findIndex(match);
    const signal = at((l) => typeof l.msg === "string" && l.msg.startsWith("SIGTERM: stopping"));
    const access = at((l) => l.msg === "request" && l.method === "POST" && l.path === "/api/trpc/setup.createFirstAdmin" && l.status === 200 && l.reqId === "e2e-drain-1");
    const stopped = at((l) => l.msg === "stopped" && l.code === 0);
    expect(signal, JSON.stringify(lines)).toBeGreaterThanOrEqual(0);
    expect(access).toBeGreaterThan(signal);
    expect(stopped).toBeGreaterThan(access);
    expect(stderr).not.toMatch(/"level":(50|60)/);
  });
});
