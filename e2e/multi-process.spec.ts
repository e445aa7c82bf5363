import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test, type APIRequestContext } from "./support/test";
import { mutate, query } from "./support/trpc";

// Two production server processes on one PostgreSQL behind a round-robin proxy, as a user who
// outgrew one process runs them. Everything that must hold across processes lives in the
// database (sessions, sign-in limits, the job queue), and this checks it does.
const baseUrl = process.env.TEST_DATABASE_URL;
const NO_POSTGRES =
  "multi-process.spec.ts skipped: it needs TEST_DATABASE_URL, a PostgreSQL server it may create a database on (the other browser tests run on embedded PGlite, which one process owns)";
test.skip(!baseUrl, NO_POSTGRES);
test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "..");
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const BACKENDS = [APP_PORT + 1, APP_PORT + 2];
const PROXY_PORT = APP_PORT + 3;
const origin = `http://localhost:${PROXY_PORT}`;
const dbName = `steward_e2e_multi_${randomBytes(4).toString("hex")}`;
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const marketer = { name: "Mo Marketer", email: "mo@example.test", password: "mo marketer passphrase" };

let servers: ChildProcess[] = [];
let proxy: http.Server;
let sql: postgres.Sql;
let appSql: postgres.Sql;
const logs = BACKENDS.map(() => "");
let client: APIRequestContext;

function dbUrl(name: string) {
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `next start` on the build the e2e web server already serves (no second build). */
function startServer(port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: dbUrl(dbName),
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
    // The catch-up run after start-up, soon enough to watch both processes offer it.
    STEWARD_JOBS_START_DELAY_SECONDS: "1",
  };
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr!.on("data", (d) => process.stderr.write(`[server ${port}] ${d}`));
  const i = BACKENDS.indexOf(port);
  child.stdout!.on("data", (d) => (logs[i] += String(d)));
  return child;
}

async function waitUntilUp(port: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The load balancer: each request to the next process in turn, which it names in `x-backend`. */
function roundRobinProxy(): http.Server {
  let turn = 0;
  return http.createServer((req, res) => {
    const port = BACKENDS[turn++ % BACKENDS.length]!;
    const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-backend": String(port) });
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

/** A password sign-in through next-auth as the sign-in form posts it: where it sends you, and which process answered. */
async function signIn(req: APIRequestContext, who: { email: string; password: string }, csrfToken?: string) {
  csrfToken ??= (await (await req.get("/api/auth/csrf")).json()).csrfToken as string;
  const res = await req.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, callbackUrl: `${origin}/` },
    headers: { origin },
    maxRedirects: 0,
  });
  return { location: decodeURIComponent(res.headers().location ?? ""), backend: res.headers()["x-backend"] };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sql = postgres(baseUrl!, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE DATABASE ${dbName}`);
  appSql = postgres(dbUrl(dbName), { max: 1, onnotice: () => {} });
  // Both at once: start-up migrations take turns under an advisory lock.
  servers = BACKENDS.map(startServer);
  await Promise.all(BACKENDS.map(waitUntilUp));
  proxy = roundRobinProxy();
  await new Promise<void>((resolve) => proxy.listen(PROXY_PORT, "127.0.0.1", resolve));
  client = await playwrightRequest.newContext({ baseURL: origin });
  await mutate(client, "setup.createFirstAdmin", admin);
});

test.afterAll(async () => {
  await client?.dispose();
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.exitCode !== null) return resolve();
          s.once("exit", () => resolve());
          s.kill("SIGTERM");
        }),
    ),
  );
  await appSql?.end();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await sql?.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await sql?.end();
});

test("a session made through one process works on both", async () => {
  expect((await signIn(client, admin)).location).toBe(`${origin}/`);
  const seenBy = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const res = await client.get("/api/trpc/auth.me");
    expect(res.ok()).toBe(true);
    expect((await res.json()).result.data.json.email).toBe(admin.email);
    seenBy.add(res.headers()["x-backend"]!);
  }
  expect([...seenBy].sort()).toEqual(BACKENDS.map(String).sort());
});

test("a change made through one process is seen at once through the other", async () => {
  // Straight to each process, with the session cookie the sign-in through the proxy set.
  const cookie = (await client.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const [a, b] = await Promise.all(BACKENDS.map((port) => playwrightRequest.newContext({ baseURL: `http://localhost:${port}`, extraHTTPHeaders: { origin, cookie } })));
  await mutate(a!, "users.create", { ...marketer, roles: ["marketer"] });
  const users = await query<Array<{ email: string }>>(b!, "users.list");
  expect(users.map((u) => u.email)).toContain(marketer.email);
  await a!.dispose();
  await b!.dispose();
});

test("sign-in limits are shared: failures through either process count together", async () => {
  const fresh = await playwrightRequest.newContext({ baseURL: origin });
  // One CSRF token, then only sign-in posts: the proxy sends each to the other process in turn.
  const { csrfToken } = await (await fresh.get("/api/auth/csrf")).json();
  const wrong = { email: marketer.email, password: "not the right one at all" };
  // Five wrong passwords (the per-account limit), spread over both processes.
  const failures = [];
  for (let i = 0; i < 5; i++) failures.push(await signIn(fresh, wrong, csrfToken));
  for (const f of failures) expect(f.location).toContain("error=");
  expect(new Set(failures.map((f) => f.backend)).size).toBe(2);
  // The right password now is refused by each process.
  const refused = [await signIn(fresh, marketer, csrfToken), await signIn(fresh, marketer, csrfToken)];
  for (const r of refused) expect(r.location).toContain("Too many failed sign-in attempts");
  expect(new Set(refused.map((r) => r.backend)).size).toBe(2);
  await fresh.dispose();
});

test("each due job runs once, though both processes offered it and both work the queue", async () => {
  // Each process sent every job's catch-up run once its queue started, and keeps the schedules.
  await expect.poll(() => logs.map((l) => l.includes("job queue started")), { timeout: 30_000 }).toEqual([true, true]);
  const done = () => appSql<{ name: string; state: string }[]>`SELECT name, state FROM pgboss.job WHERE singleton_key = 'startup' ORDER BY name, state`;
  await expect
    .poll(async () => [...(await done())], { timeout: 30_000 })
    .toEqual([
      { name: "decision-log-prune", state: "completed" },
      { name: "email-delivery", state: "completed" },
      { name: "exception-expiry", state: "completed" },
      { name: "recertification", state: "completed" },
      { name: "request-expiry", state: "completed" },
      { name: "withdrawal-spike", state: "completed" },
    ]);
  const schedules = await appSql<{ name: string }[]>`SELECT name FROM pgboss.schedule ORDER BY name`;
  expect(schedules.map((s) => s.name)).toEqual(["decision-log-prune", "email-delivery", "exception-expiry", "recertification", "request-expiry", "withdrawal-spike"]);
});
