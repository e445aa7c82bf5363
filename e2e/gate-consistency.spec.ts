import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { request as playwrightRequest } from "@playwright/test";
import { activeGateSegment } from "./support/gate-setup";
import { expect, test, type APIRequestContext } from "./support/test";
import { mutate } from "./support/trpc";
import { createPerson } from "./support/people";

// The activation gate's promise across processes: once a change that denies a segment has
// committed, no later answer from any server process says allowed. Two production servers on one
// PostgreSQL; 100 rounds of change-then-ask, rotating pause, retire, consent withdrawal and
// exception expiry, each asked of both processes and then undone.
const baseUrl = process.env.TEST_DATABASE_URL;
test.skip(!baseUrl, "gate-consistency.spec.ts skipped: it needs TEST_DATABASE_URL, a PostgreSQL server it may create a database on (two processes cannot share embedded PGlite)");
test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "..");
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const PORTS = [APP_PORT + 5, APP_PORT + 6];
const origin = `http://localhost:${PORTS[0]}`;
const dbName = `steward_e2e_gate_${randomBytes(4).toString("hex")}`;
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const owner = { name: "Gia Owner", email: "gia@example.test", password: "gia owner passphrase", roles: ["marketer"] };
const steward = { name: "Sol Steward", email: "sol@example.test", password: "sol steward passphrase", roles: ["steward"] };

let servers: ChildProcess[] = [];
let sql: postgres.Sql;
let appSql: postgres.Sql;
const contexts: APIRequestContext[] = [];

function dbUrl(name: string) {
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

function startServer(port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: dbUrl(dbName),
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
    STEWARD_DISABLE_JOBS: "1",
  };
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr!.on("data", (d) => process.stderr.write(`[server ${port}] ${d}`));
  return child;
}

async function waitUntilUp(port: number) {
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A request context signed in as `who` on the first process (sessions live in the database, so both accept it). */
async function session(who: { email: string; password: string }): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { origin } });
  contexts.push(ctx);
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email: who.email, password: who.password, callbackUrl: `${origin}/` }, maxRedirects: 0 });
  expect(decodeURIComponent(res.headers().location ?? "")).toBe(`${origin}/`);
  return ctx;
}

let ownerApi: APIRequestContext;
let stewardApi: APIRequestContext;
let segment: { id: string; key: string };
let token: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sql = postgres(baseUrl!, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE DATABASE ${dbName}`);
  appSql = postgres(dbUrl(dbName), { max: 1, onnotice: () => {} });
  servers = PORTS.map(startServer);
  await Promise.all(PORTS.map(waitUntilUp));
  const setup = await playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { origin } });
  contexts.push(setup);
  await mutate(setup, "setup.createFirstAdmin", admin);
  const adminApi = await session(admin);
  for (const who of [owner, steward]) await createPerson(adminApi, who, origin);
  token = (await mutate<{ token: string }>(adminApi, "tokens.create", { name: "consistency", scopes: ["activation:read"] })).token;
  ownerApi = await session(owner);
  stewardApi = await session(steward);
  segment = await activeGateSegment(ownerApi, stewardApi, "consistency");
  // A blocking finding on the version in force, waived by an exception until a month from now:
  // expiring the exception is one of the changes that must deny at once.
  await appSql`
    INSERT INTO segment_findings (segment_id, segment_version, policy_version, policy_key, fingerprint, severity, title, message, remedy, signals, purposes, channels)
    VALUES (${segment.id}, 1, 1, 'consistency_test', 'consistency', 'block', 'Consistency test finding', 'A finding waived by an exception.', 'None', '[]', '{}', '{}')`;
  const [grantor] = await appSql<Array<{ id: string }>>`SELECT id FROM users WHERE email = ${admin.email}`;
  await appSql`
    INSERT INTO policy_exceptions (segment_id, policy_key, fingerprint, finding_title, justification, expires_at, granted_by_id)
    VALUES (${segment.id}, 'consistency_test', 'consistency', 'Consistency test finding', 'Waived for the consistency test.', now() + interval '30 days', ${grantor!.id})`;
});

test.afterAll(async () => {
  for (const ctx of contexts) await ctx.dispose();
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
  await sql?.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await sql?.end();
});

/** Each process's answer for email, asked at the same moment. */
const askBoth = () =>
  Promise.all(
    PORTS.map(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/segments/${segment.key}/decision?channel=email`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as { allowed: boolean; reasons: Array<{ code: string }> };
    }),
  );

/** A change that must deny, committed before it returns, and how to undo it; `code` is the reason it must show. */
const CHANGES: Array<{ name: string; code: string; deny: () => Promise<unknown>; restore: () => Promise<unknown> }> = [
  {
    name: "pause (through the app)",
    code: "segment_not_active",
    deny: () => mutate(stewardApi, "lifecycle.pause", { segmentId: segment.id }),
    restore: () => mutate(ownerApi, "lifecycle.activate", { segmentId: segment.id }),
  },
  {
    // Retiring through the app cannot be undone, so the round flips the committed status directly.
    name: "retire",
    code: "segment_not_active",
    deny: () => appSql`UPDATE segments SET status = 'retired' WHERE id = ${segment.id}`,
    restore: () => appSql`UPDATE segments SET status = 'active' WHERE id = ${segment.id}`,
  },
  {
    // What a consent withdrawal upstream commits for an active segment (policy/propagation.service); only a re-approval clears it in the app.
    name: "consent withdrawn upstream",
    code: "consent_changed_upstream",
    deny: () => appSql`UPDATE segments SET consent_changed_upstream = true WHERE id = ${segment.id}`,
    restore: () => appSql`UPDATE segments SET consent_changed_upstream = false WHERE id = ${segment.id}`,
  },
  {
    name: "exception expiry",
    code: "blocking_finding",
    deny: () => appSql`UPDATE policy_exceptions SET expires_at = now() - interval '1 millisecond' WHERE segment_id = ${segment.id}`,
    restore: () => appSql`UPDATE policy_exceptions SET expires_at = now() + interval '30 days' WHERE segment_id = ${segment.id}`,
  },
];

test("100 rounds of change-then-ask on two processes: no allow after a denying change commits", async () => {
  test.setTimeout(120_000);
  expect((await askBoth()).map((a) => a.allowed)).toEqual([true, true]);
  for (let round = 0; round < 100; round++) {
    const change = CHANGES[round % CHANGES.length]!;
    await change.deny();
    const answers = await askBoth();
    for (const [i, a] of answers.entries()) {
      expect(a.allowed, `round ${round} (${change.name}): process on ${PORTS[i]} said allowed after the change committed`).toBe(false);
      expect(a.reasons.map((r) => r.code)).toContain(change.code);
    }
    await change.restore();
    expect(
      (await askBoth()).map((a) => a.allowed),
      `round ${round}: allowed again after undoing ${change.name}`,
    ).toEqual([true, true]);
  }
});
