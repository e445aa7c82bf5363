// The graceful shutdown in a real process: SIGTERM with a request in flight lets it finish, stops
// accepting, closes the database and frees the embedded folder's lock; past the timeout it stops
// anyway. The server is server/testing/shutdown-server.ts, wired as instrumentation.ts wires Next.js.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lockFileOf } from "@/server/db/data-dir-lock";

const repo = path.resolve(import.meta.dirname, "../..");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-shutdown-"));
const running = new Set<ChildProcess>();

type Line = { event?: string; port?: number; level?: number; msg?: string; [key: string]: unknown };

function start(dataDir: string, timeoutSeconds: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/testing/shutdown-server.ts", dataDir], {
    cwd: repo,
    env: { ...process.env, STEWARD_SHUTDOWN_TIMEOUT: String(timeoutSeconds), STEWARD_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const out: Line[] = [];
  const err: Line[] = [];
  const waiters: Array<() => void> = [];
  const collect = (stream: NodeJS.ReadableStream, into: Line[]) =>
    readline.createInterface({ input: stream }).on("line", (line) => {
      into.push(line.startsWith("{") ? (JSON.parse(line) as Line) : { msg: line });
      waiters.splice(0).forEach((w) => w());
    });
  collect(child.stdout!, out);
  collect(child.stderr!, err);
  const exited = new Promise<number | null>((resolve) =>
    // "close", not "exit": after the last of its output has been read.
    child.on("close", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const event = (name: string) =>
    new Promise<Line>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${name}"; stderr: ${JSON.stringify(err)}`)), 60_000);
      const look = () => {
        const found = out.find((l) => l.event === name);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(look);
      };
      look();
    });
  return { child, out, err, exited, event };
}

function get(port: number, pathname: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("graceful shutdown", () => {
  it("on SIGTERM finishes the request in flight, refuses new connections, closes the database and frees the lock", async () => {
    const dataDir = path.join(root, "drain");
    const server = start(dataDir, 20);
    const { port } = await server.event("ready");
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(true);
    expect((await get(port!, "/ready")).body).toBe('{"draining":false}');

    const slow = get(port!, "/slow?ms=1500");
    await server.event("slow-started");
    const signalled = performance.now();
    server.child.kill("SIGTERM");
    // Not accepting any more, while the slow request is still running.
    await expect
      .poll(
        () =>
          get(port!, "/ready").then(
            () => "accepted",
            (e: NodeJS.ErrnoException) => e.code,
          ),
        { timeout: 1_000, interval: 50 },
      )
      .toBe("ECONNREFUSED");
    expect(server.child.exitCode).toBeNull();

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ done: true });
    expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await server.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);

    // The log: the signal, the request's access line (with its id), then "stopped", each on stdout.
    const messages = server.out.filter((l) => l.level !== undefined);
    const at = (match: (l: Line) => boolean) => messages.findIndex(match);
    const signal = at((l) => l.msg === "SIGTERM: stopping; finishing 1 request(s) in flight");
    const access = at((l) => l.msg === "request" && l.path === "/slow" && l.status === 200 && l.reqId === answer.headers["x-request-id"]);
    const stopped = at((l) => l.msg === "stopped" && l.code === 0);
    expect(signal).toBeGreaterThanOrEqual(0);
    expect(access).toBeGreaterThan(signal);
    expect(stopped).toBeGreaterThan(access);
    expect(server.err).toEqual([]);
  }, 120_000);

  it("stops after STEWARD_SHUTDOWN_TIMEOUT when a request takes longer, says so, and still frees the lock", async () => {
    const dataDir = path.join(root, "timeout");
    const server = start(dataDir, 1);
    const { port } = await server.event("ready");
    const slow = get(port!, "/slow?ms=60000").then(
      () => "answered",
      (e: NodeJS.ErrnoException) => e.code,
    );
    await server.event("slow-started");
    const signalled = performance.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(1);
    const took = performance.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(8_000);
    expect(await slow).toBe("ECONNRESET");
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
    expect(server.err).toContainEqual(expect.objectContaining({ level: 40, msg: "1 request(s) still running after 1 s (STEWARD_SHUTDOWN_TIMEOUT): stopping without them" }));
  }, 120_000);
});
