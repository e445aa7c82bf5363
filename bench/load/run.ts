// Load benchmark (not part of `npm test`): `npm run bench:load [-- --users 10,50,200 --duration 60]`.
// Generates the catalog bench's data (500 sources, 50,000 signals, 10,000 segments, 2,000 open
// reviews) in a fresh PostgreSQL database (steward_bench_load), serves a production build on
// loopback, signs in a pool of steward accounts, and runs the mix of issue 18 (mix.ts) with N
// concurrent virtual users, each sending its next request as soon as the last one answered.
// Prints req/s, p50/p95/p99 and 5xx per request kind, then checks that every acknowledged
// write is stored with its audit event. Goals (issue 18): at 50 users ≥ 100 req/s, p95 ≤ 750 ms,
// no 5xx. Options: --no-build, --reuse-db/--keep-db (as bench:catalog), --accounts N (default
// 20; virtual users share them), BENCH_PG_URL as bench:catalog. The figures depend on what else
// the machine runs: the load average is printed before and after. --profile: the server runs
// with Node's --cpu-prof and profile.ts prints where its CPU went. --cost N: before the levels
// (or instead of them, without --users), what one request of each kind costs in the server's and
// PostgreSQL's CPU, N requests of each one at a time (cost.ts).
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { hashPassword } from "../../server/auth/password";
import { openPostgres } from "../../server/db/client";
import { ensureReferenceData } from "../../server/db/reference-data";
import { rowsOf } from "../../server/db/rows";
import { users } from "../../server/db/schema";
import { allSegmentIds, evaluateAndStore } from "../../server/modules/policy/evaluation.service";
import { generateCatalog } from "../catalog/generate";
import { openReviews } from "../catalog/scale";
import { build, freePort, serve, signIn, type Served } from "../catalog/server";
import { nextOp, type Ids, type Op } from "./mix";
import { checkWrites, printLatency, type Sample } from "./report";
import { summarise } from "./profile";
import { measureCosts } from "./cost";
import { ADMIN_URL, adminStatement, benchDbUrl } from "../support/bench-db";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    "keep-db": { type: "boolean" },
    "reuse-db": { type: "boolean" },
    users: { type: "string", default: "10,50" },
    duration: { type: "string", default: "60" },
    accounts: { type: "string", default: "20" },
    profile: { type: "boolean" },
    cost: { type: "string" },
  },
});
const adminUrl = ADMIN_URL;
const DB_NAME = "steward_bench_load";
const dbUrl = benchDbUrl(DB_NAME, adminUrl);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** A small deterministic generator per virtual user. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function send(baseUrl: string, cookie: string, op: Op): Promise<{ status: number; body: string }> {
  const timeout = AbortSignal.timeout(60_000);
  if (op.kind === "page") {
    const res = await fetch(`${baseUrl}${op.url}`, { headers: { cookie }, signal: timeout });
    return { status: res.status, body: await res.text() };
  }
  if (op.kind === "query") {
    const qs = op.input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: op.input }))}`;
    const res = await fetch(`${baseUrl}/api/trpc/${op.path}${qs}`, { headers: { cookie }, signal: timeout });
    return { status: res.status, body: await res.text() };
  }
  const res = await fetch(`${baseUrl}/api/trpc/${op.path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ json: op.input }),
    signal: timeout,
  });
  return { status: res.status, body: await res.text() };
}

/** Numbers requests across warm-up and levels, so every created segment's key is new. */
let requestNo = 0;

async function runLevel(baseUrl: string, cookies: string[], ids: Ids, vus: number, seconds: number) {
  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  /** Requests that got no answer, by cause (the first few are printed). */
  const failures = new Map<string, number>();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: vus }, async (_, v) => {
      const r = prng(v + 1);
      const cookie = cookies[v % cookies.length]!;
      while (performance.now() < until) {
        const op = nextOp(ids, r, requestNo++);
        const t = performance.now();
        let status: number;
        try {
          const res = await send(baseUrl, cookie, op);
          status = res.status;
          if (op.kind === "create" && res.status === 200) acknowledged.push((JSON.parse(res.body) as { result: { data: { json: { id: string } } } }).result.data.json.id);
        } catch (err) {
          status = 0; // no answer within the timeout, or the connection failed
          const cause = err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ""}` : String(err);
          failures.set(cause, (failures.get(cause) ?? 0) + 1);
        }
        samples.push({ name: op.name, ms: performance.now() - t, status });
      }
    }),
  );
  for (const [cause, n] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`no answer ${n}×: ${cause}`);
  return { samples, acknowledged, seconds: (performance.now() - started) / 1000 };
}

let served: Served | undefined;
try {
  console.log(`Load benchmark in ${DB_NAME}; machine: ${os.cpus().length} cores, load average ${load()}`);
  if (!args["reuse-db"]) {
    await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await adminStatement(`CREATE DATABASE ${DB_NAME}`);
  }
  const opened = await openPostgres(dbUrl);
  const db = opened.db;
  if (!args["reuse-db"]) {
    await ensureReferenceData(db);
    await generateCatalog(db, { sources: 500, signals: 50_000, segments: 10_000, owners: 40 });
    await evaluateAndStore(db, await allSegmentIds(db));
    await openReviews(db, 0.2);
    await db.execute(sql`VACUUM ANALYZE`);
  }
  const password = randomBytes(18).toString("base64url");
  const hash = await hashPassword(password);
  const tag = randomBytes(3).toString("hex");
  const accounts = Array.from({ length: Number(args.accounts) }, (_, i) => ({
    email: `load-${tag}-${i}@bench.example`,
    name: `Load steward ${i}`,
    passwordHash: hash,
    roles: i % 3 === 0 ? (["steward", "privacy_officer"] as const) : (["steward"] as const),
  }));
  await db.insert(users).values(accounts.map((a) => ({ ...a, roles: [...a.roles] })));
  const ids: Ids = {
    segments: rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM segments ORDER BY md5(id::text) LIMIT 1000`)).map((r) => r.id),
    // Numeric signals: the mix's condition is "at least 2", which other value types refuse (a 400).
    signals: rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM signals WHERE retired_at IS NULL AND value_type = 'number' ORDER BY md5(id::text) LIMIT 1000`)).map((r) => r.id),
  };

  if (!args["no-build"]) build();
  const port = await freePort(3400);
  const logFile = path.join(os.tmpdir(), `steward-bench-load-${port}.log`);
  const profileDir = path.join(os.tmpdir(), `steward-bench-load-profile-${port}`);
  const profiling = args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  served = await serve(port, { DATABASE_URL: dbUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url") }, logFile, profiling);
  const cookies: string[] = [];
  for (const a of accounts) cookies.push(await signIn(served.baseUrl, a.email, password));
  console.log(`serving on ${served.baseUrl} (log ${logFile}); ${cookies.length} accounts signed in`);
  // Warm-up: every kind of request once, so compilation and caches do not count.
  for (let i = 0; i < 60; i++) await send(served.baseUrl, cookies[0]!, nextOp(ids, prng(1000 + i), requestNo++));

  if (args.cost) {
    const { pid } = served;
    if (!pid) throw new Error("no server process id");
    await measureCosts(
      db,
      DB_NAME,
      pid,
      ids,
      Number(args.cost),
      (op) => send(served!.baseUrl, cookies[0]!, op),
      () => requestNo++,
    );
  }
  let ok = true;
  // With --cost, the load levels run only when --users is given.
  const levels = args.cost && !process.argv.some((a) => a.startsWith("--users")) ? [] : args.users.split(",").map(Number);
  for (const vus of levels) {
    console.log(`\n== ${vus} concurrent users, ${args.duration} s; load average ${load()}`);
    const level = await runLevel(served.baseUrl, cookies, ids, vus, Number(args.duration));
    const figures = printLatency(level.samples, level.seconds);
    ok = (await checkWrites(db, level.acknowledged)) && ok;
    if (vus === 50)
      console.log(`goals at 50 users: ≥ 100 req/s ${figures.rps >= 100 ? "yes" : "NO"}; p95 ≤ 750 ms ${figures.p95 <= 750 ? "yes" : "NO"}; no 5xx ${figures.e5xx === 0 ? "yes" : "NO"}`);
    console.log(`load average after: ${load()}`);
  }
  await opened.close();
  if (args.profile) {
    await served.stop(); // the profile is written when the server exits
    served = undefined;
    summarise(profileDir);
  }
  process.exitCode = ok ? 0 : 1;
} catch (err) {
  console.error(err);
  process.exitCode = 2;
} finally {
  await served?.stop();
  if (!args["keep-db"]) await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}
