// Catalog read benchmark (not part of `npm test`): `npm run bench:catalog [-- --no-build]`.
// Generates 500 sources, 50,000 signals and 10,000 segments in a fresh PostgreSQL database,
// serves a production build on loopback, signs in over HTTP and reports p50/p95/max of the list,
// search and detail calls through tRPC. Goal: p95 ≤ 50 ms. The server is stopped and the
// database dropped at the end.
// Options: --no-build (reuse the last benchmark build), --requests N (default 200), --warmup N
// (default 20), --keep-db (leave the database for EXPLAIN), --reuse-db (measure again on a
// database an earlier --keep-db run left, without generating it again). BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) is used to create the database.
// --scale: instead, the dashboard, findings and badge reads at 10,000 and 100,000 segments (scale.ts).
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
import { counts, generateCatalog } from "./generate";
import { measureAll, printHeader, printRow, printSummary, type Case, type Result } from "./measure";
import { build, freePort, serve, signIn, type Served } from "./server";
import { runScale } from "./scale";
import { ADMIN_URL, adminStatement, benchDbUrl } from "../support/bench-db";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    "keep-db": { type: "boolean" },
    "reuse-db": { type: "boolean" },
    scale: { type: "boolean" },
    requests: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const SIZES = { sources: 500, signals: 50_000, segments: 10_000, owners: 40 };
const adminUrl = ADMIN_URL;
const DB_NAME = "steward_bench_catalog";
const dbUrl = benchDbUrl(DB_NAME, adminUrl);

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
let served: Served | undefined;
let dropped = false;
async function cleanUp() {
  await served?.stop();
  served = undefined;
  if (!args["keep-db"] && !dropped) {
    dropped = true;
    await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

if (args.scale) {
  process.exitCode = (await runScale(adminUrl, Number(args.requests) / 2)) ? 0 : 1;
  process.exit();
}

try {
  console.log(`Catalog benchmark: ${SIZES.sources} sources, ${SIZES.signals.toLocaleString("en")} signals, ${SIZES.segments.toLocaleString("en")} segments in ${DB_NAME}`);
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  if (!args["reuse-db"]) {
    await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await adminStatement(`CREATE DATABASE ${DB_NAME}`);
  }
  const opened = await openPostgres(dbUrl);
  const db = opened.db;
  let t = performance.now();
  if (!args["reuse-db"]) {
    await ensureReferenceData(db);
    await generateCatalog(db, SIZES);
    const te = performance.now();
    const evaluated = await evaluateAndStore(db, await allSegmentIds(db));
    console.log(`  ${`policy findings for ${evaluated.length.toLocaleString("en")} segments`.padEnd(44)} ${secs(te)}`);
    // Steady state: generation updated every segment row several times; autovacuum would have
    // cleaned up long before a real catalog got this big.
    await db.execute(sql`VACUUM ANALYZE`);
    console.log(`generated in ${secs(t)}:`, await counts(db));
  }

  // A fresh account and password per run: the benchmark adds no standing credentials anywhere.
  const email = `bench-admin-${randomBytes(4).toString("hex")}@bench.example`;
  const password = randomBytes(18).toString("base64url");
  await db.insert(users).values({ email, name: "Bench Admin", passwordHash: await hashPassword(password), roles: ["admin", "steward"] });
  const ids = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM segments ORDER BY md5(id::text) LIMIT 500`)).map((r) => r.id);
  await opened.close();

  if (!args["no-build"]) {
    t = performance.now();
    console.log("\nbuilding (next build)…");
    build();
    console.log(`built in ${secs(t)}`);
  }
  const port = await freePort(3300);
  const logFile = path.join(os.tmpdir(), `steward-bench-catalog-${port}.log`);
  t = performance.now();
  served = await serve(port, { DATABASE_URL: dbUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url") }, logFile);
  console.log(`\nserving on ${served.baseUrl} (started in ${secs(t)}; log ${logFile})`);
  const cookie = await signIn(served.baseUrl, email, password);
  console.log("signed in through next-auth's credentials flow");

  const rotate = (xs: string[]) => (i: number) => xs[i % xs.length]!;
  const real = rotate(["lapsed", "gift buyers", "welcome", "womenswear"]);
  const typo = rotate(["lapsd", "welcom", "womenswaer", "birthdy"]);
  const cases: Case[] = [
    // The floor: HTTP, session lookup, tRPC and superjson, no catalog query.
    { name: "auth.me (baseline: no catalog query)", path: "auth.me", input: () => undefined },
    { name: "segments.list (default: by name, page 1)", path: "segments.list", input: () => ({}) },
    { name: "segments.list (email + retention filter)", path: "segments.list", input: () => ({ channel: "email", goal: "retention" }) },
    { name: "segments.list (sorted by last updated)", path: "segments.list", input: () => ({ sort: "updated", dir: "desc" }) },
    { name: "segments.list (page 50)", path: "segments.list", input: () => ({ page: 50 }) },
    { name: "segments.list q=word", path: "segments.list", input: (i) => ({ q: real(i) }) },
    { name: "segments.list q=misspelled word", path: "segments.list", input: (i) => ({ q: typo(i) }) },
    { name: "signals.list (default)", path: "signals.list", input: () => ({}) },
    { name: "signals.list q=word", path: "signals.list", input: (i) => ({ q: rotate(["orders", "email clicks", "footwear", "wishlist"])(i) }) },
    { name: "sources.list (default)", path: "sources.list", input: () => ({}) },
    { name: "segments.byId (random ids)", path: "segments.byId", input: (i) => ({ id: ids[(i * 37) % ids.length] }) },
    { name: "search.global", path: "search.global", input: (i) => ({ q: rotate(["lapsed", "orders", "loyalty", "womenswear"])(i) }) },
  ];
  console.log(`\n${WARMUP} warm-up and ${REQUESTS} timed rounds; each round calls every case once, one request at a time`);
  const results: Result[] = await measureAll(served.baseUrl, cookie, cases, { warmup: WARMUP, requests: REQUESTS });
  printHeader();
  results.forEach(printRow);
  const ok = printSummary(results);
  console.log(
    `load average now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  process.exitCode = ok ? 0 : 1;
} catch (err) {
  console.error(err);
  process.exitCode = 2;
} finally {
  await cleanUp();
}
