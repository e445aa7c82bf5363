// Audit trail benchmark (not part of `npm test`): `npm run bench:audit`.
// Builds a database of 1,000,000 chained events on the local PostgreSQL and prints figures:
// append rate (bulk and with 8 concurrent writers), verification rate, and export throughput
// and peak memory against `psql -c "COPY … TO STDOUT (FORMAT csv)"` on the same rows.
// Settings: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, used to create
// the database), BENCH_DB (default steward_bench), BENCH_EVENTS (default 1000000), BENCH_REUSE=1
// (keep a database built by an earlier run: skips the bulk append).
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openPostgres } from "../../server/db/client";
import { recordAudit } from "../../server/audit/record";
import { verifyTrail } from "../../server/modules/audit/verify";
import { inTransaction } from "@/server/db/transaction";

const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.BENCH_DB ?? "steward_bench";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const dbUrl = url.toString();

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const results: Array<[string, string]> = [];
const report = (label: string, value: string) => {
  results.push([label, value]);
  console.log(`  ${label}: ${value}`);
};

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

console.log(`Audit benchmark: ${fmt(EVENTS)} events in database ${dbName}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs\n`);
const reuse = process.env.BENCH_REUSE === "1";
if (!reuse) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
}
const opened = await openPostgres(dbUrl, { max: 8 });
const db = opened.db;

// 1. Bulk append: one INSERT … SELECT per 100k events; the trigger chains each row.
console.log("Append");
const [, bulkMs] = await time(async () => {
  if (reuse) return;
  for (let done = 0; done < EVENTS; done += 100_000) {
    const n = Math.min(100_000, EVENTS - done);
    await db.execute(sql`
      INSERT INTO audit_events (actor_id, actor_label, action, entity_type, entity_id, before, after, reason, request_id, ip, user_agent, occurred_at)
      SELECT gen_random_uuid(), 'user' || (i % 97) || '@example.test',
             (ARRAY['user.updated','purpose.updated','category.created','auth.signed_in'])[1 + i % 4],
             'consent_purpose', 'p-' || (i % 1000),
             jsonb_build_object('name', 'Purpose ' || i, 'allowedLawfulBases', jsonb_build_array('consent')),
             jsonb_build_object('name', 'Purpose ' || (i + 1), 'allowedLawfulBases', jsonb_build_array('consent', 'contract')),
             CASE WHEN i % 5 = 0 THEN 'Quarterly review, see "ticket" #' || i END,
             gen_random_uuid()::text, '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)',
             timestamptz '2026-01-01T00:00:00Z' + ((${done} + i) || ' seconds')::interval
      FROM generate_series(1, ${n}) AS i`);
    process.stdout.write(`\r  inserted ${fmt(done + n)}`);
  }
});
process.stdout.write("\n");
if (!reuse) report("bulk append (INSERT … SELECT, 100k per statement)", `${fmt((EVENTS / bulkMs) * 1000)} events/s (${secs(bulkMs)})`);
if (!reuse) await db.execute(sql`VACUUM ANALYZE audit_events`);

// 2. Concurrent writers: 8 connections, one event per transaction, as the app writes them.
async function writers(count: number, perWriter: number) {
  const [, ms] = await time(() =>
    Promise.all(
      Array.from({ length: count }, (_, w) =>
        (async () => {
          for (let i = 0; i < perWriter; i++) {
            await inTransaction(db, (tx) =>
              recordAudit(tx, {
                actor: { id: null, label: `writer${w}@example.test`, ip: "203.0.113.9", requestId: `w${w}-${i}` },
                action: "user.updated",
                entityType: "user",
                entityId: `w${w}-${i}`,
                before: { n: i },
                after: { n: i + 1 },
              }),
            );
          }
        })(),
      ),
    ),
  );
  return ((count * perWriter) / ms) * 1000;
}
if (!reuse || process.env.BENCH_WRITERS === "1") {
  report("append, 1 writer (one event per transaction)", `${fmt(await writers(1, 2000))} events/s`);
  report("append, 8 concurrent writers (one event per transaction)", `${fmt(await writers(8, 1000))} events/s`);
}

// Figures on a shared machine vary from run to run: each is measured in ROUNDS rounds, and the
// median is reported with the range.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;

// 3. Verification of the whole chain, in SQL.
console.log("Verify");
const rates: number[] = [];
let checked = 0;
for (let i = 0; i < ROUNDS; i++) {
  const verified = await verifyTrail(db);
  if (!verified.ok) throw new Error(`chain broken: ${verified.broken?.message}`);
  checked = verified.checked;
  rates.push((verified.checked / verified.durationMs) * 1000);
}
report("verification", `${fmt(median(rates))} events/s (median of ${ROUNDS}, ${range(rates, fmt)}; ${fmt(checked)} events)`);

// 4. Export: Steward's streamed files in a child process (for its own peak memory) against COPY.
console.log("Export");
const COPY_COLUMNS = `seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_id, actor_label,
  action, entity_type, entity_id, before, after, reason, request_id, ip, user_agent, hash_version, prev_hash, hash`;
function copyMs(query: string): number {
  const t = performance.now();
  execFileSync("sh", ["-c", `psql "${dbUrl}" -X -q -c "COPY (${query.replace(/"/g, '\\"')}) TO STDOUT (FORMAT csv, HEADER)" > /dev/null`]);
  return performance.now() - t;
}
type WorkerResult = { rows: number; bytes: number; ms: number; maxRssMb: number; format: string };
const byFormat: Record<string, { ratio: number[]; rate: number[]; rss: number[]; bytes: number }> = {};
const copyRates: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const copyRate = (checked / copyMs(`SELECT ${COPY_COLUMNS} FROM audit_events ORDER BY seq`)) * 1000;
  copyRates.push(copyRate);
  const worker = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "export-worker.ts"), dbUrl], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (worker.status !== 0) throw new Error("export worker failed");
  for (const r of JSON.parse(worker.stdout.trim().split("\n").pop()!) as WorkerResult[]) {
    const f = (byFormat[r.format] ??= { ratio: [], rate: [], rss: [], bytes: r.bytes });
    const rate = (r.rows / r.ms) * 1000;
    f.rate.push(rate);
    f.ratio.push(rate / copyRate);
    f.rss.push(r.maxRssMb);
  }
}
report("psql COPY … TO STDOUT (FORMAT csv), same columns", `${fmt(median(copyRates))} rows/s (median of ${ROUNDS}, ${range(copyRates, fmt)})`);
for (const [format, f] of Object.entries(byFormat)) {
  report(
    `Steward ${format} export (COPY stream through the download's byte stream)`,
    `${fmt(median(f.rate))} rows/s, ${median(f.ratio).toFixed(2)}× COPY (${range(f.ratio, (x) => x.toFixed(2))}); ` + `${fmt(f.bytes / 1e6)} MB; peak RSS ${fmt(Math.max(...f.rss))} MB`,
  );
}
console.log(
  `\nLoad average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(", ")} (${os.cpus().length} CPUs).`,
);
await opened.close();
console.log("\nGoals: export ≥ 0.5× COPY with peak memory ≤ 200 MB; verification ≥ 500,000 events/s.");
