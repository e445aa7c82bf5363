// Benchmark of issue 20's outcome metrics on PostgreSQL: SEGMENTS × 8 channels × 2 groups × DAYS
// rows (1,000 × 8 × 2 × 730 ≈ 11.7 million by default), then
//   1. one segment's weekly report for a year (outcomesByPeriod), 200 random segments: goal p95 ≤ 100 ms;
//   2. the catalog-wide top 50 segments by lift over 90 days (topByLift), 5 runs: goal ≤ 1.5 s;
//   3. ingest of INGEST_ROWS rows through POST /api/v1/metrics/outcomes's handler (in process, batches
//      of 10,000, JSON parsing and validation included) against COPY of the same rows in the same
//      run: goal ≥ 0.3× COPY's rate.
// Run: npm run bench:metrics [-- --segments 1000 --days 730 --ingest-rows 100000 --keep-db]
// (needs PostgreSQL on 127.0.0.1:5432 with trust auth, or BENCH_PG_URL). --reuse-db skips generating.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { CHANNELS } from "../../domain/vocab";
import { openPostgres } from "../../server/db/client";
import { serverEnv } from "../../server/env";
import { rowsOf } from "../../server/db/rows";
import { createToken } from "../../server/modules/lineage/tokens.service";
import { outcomesPost } from "../../server/modules/metrics/http";
import { outcomesByPeriod, topByLift } from "../../server/modules/metrics/queries";
import { adminStatement, benchDbUrl } from "../support/bench-db";

const { values: args } = parseArgs({
  options: {
    segments: { type: "string", default: "1000" },
    days: { type: "string", default: "730" },
    "ingest-rows": { type: "string", default: "100000" },
    "keep-db": { type: "boolean", default: false },
    "reuse-db": { type: "boolean", default: false },
  },
});
const SEGMENTS = Number(args.segments);
const DAYS = Number(args.days);
const INGEST_ROWS = Number(args["ingest-rows"]);
const NAME = "steward_bench_metrics";
const USER = "00000000-0000-4000-8000-000000000001";
const END = "2026-11-30";

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const day = (offset: number) => new Date(Date.parse(`${END}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);

if (!args["reuse-db"]) {
  await adminStatement(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await adminStatement(`CREATE DATABASE ${NAME}`);
}
const url = benchDbUrl(NAME);
const opened = await openPostgres(url);
const db = opened.db;
const actor = { id: USER, label: "bench@example.test" };

if (!args["reuse-db"]) {
  const t0 = performance.now();
  // Generating millions of rows takes longer than the server's statement timeout allows a request.
  const loader = await openPostgres(url, { migrate: false, settings: { ...serverEnv().db, statementTimeoutMs: 0 } });
  console.log(`generating ${SEGMENTS} segments × ${CHANNELS.length} channels × 2 groups × ${DAYS} days = ${(SEGMENTS * CHANNELS.length * 2 * DAYS).toLocaleString("en")} rows…`);
  await loader.db.execute(sql`INSERT INTO users (id, email, name, roles) VALUES (${USER}, 'bench@example.test', 'Bench', '{admin}')`);
  await loader.db.execute(sql`
    INSERT INTO segments (id, key, name, business_goal, owner_id, derived_sensitivity, sensitivity)
    SELECT md5('seg' || g)::uuid, 'seg_' || g, 'Segment ' || g, 'retention', ${USER}, 'internal', 'internal' FROM generate_series(1, ${SEGMENTS}) g`);
  const generator = await createToken(loader.db, actor, { name: "generator", scopes: ["metrics:write"] });
  // Deterministic counts from a hash of the key; segment g's treatment converts (1 + g mod 7)% more often.
  await loader.db.execute(sql`
    INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id)
    SELECT md5('seg' || g)::uuid, ${END}::date - d, c::channel, grp::metric_group, r, least(r, (r * (CASE WHEN grp = 'treatment' THEN 40 + g % 7 ELSE 40 END) / 1000) + h % 5), r * 0.37, 'EUR', ${generator.id}::uuid
    FROM generate_series(1, ${SEGMENTS}) g, generate_series(0, ${DAYS - 1}) d, unnest(${`{${CHANNELS.join(",")}}`}::text[]) c, unnest('{treatment,holdout}'::text[]) grp,
         LATERAL (SELECT abs(hashtext(g || '|' || d || c || grp)) AS h) hh, LATERAL (SELECT 200 + h % 4000 AS r) rr`);
  // The rollup as the ingest keeps it (server/modules/metrics/service.ts refreshDaily), built in one pass here.
  await loader.db.execute(sql`
    INSERT INTO outcome_daily (date, segment_id, "group", reached, conversions)
    SELECT date, segment_id, "group", sum(reached), sum(conversions) FROM outcome_metrics GROUP BY 1, 2, 3`);
  await loader.db.execute(sql`VACUUM ANALYZE outcome_metrics, outcome_daily`);
  console.log(`  generated in ${seconds(t0)}`);
  await loader.close();
}

const segmentIds = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM segments ORDER BY random() LIMIT 200`)).map((r) => r.id);
const weekly: number[] = [];
for (const id of segmentIds) {
  const t = performance.now();
  const rows = await outcomesByPeriod(db, id, { from: day(364), to: END, period: "week" });
  weekly.push(performance.now() - t);
  if (!rows.length) throw new Error("no rows for a segment");
}
console.log(
  `weekly report, one segment, a year (${segmentIds.length} segments): p50 ${pct(weekly, 50).toFixed(1)} ms, p95 ${pct(weekly, 95).toFixed(1)} ms (goal ≤ 100 ms: ${(pct(weekly, 95) / 100).toFixed(2)}×)`,
);

const top: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const rows = await topByLift(db, { from: day(89), to: END }, 50);
  top.push(performance.now() - t);
  if (rows.length !== Math.min(50, SEGMENTS)) throw new Error(`top by lift gave ${rows.length} rows`);
}
console.log(
  `top 50 by lift over 90 days: median ${(pct(top, 50) / 1000).toFixed(2)} s of ${top.map((t) => (t / 1000).toFixed(2)).join(", ")} (goal ≤ 1.5 s: ${(pct(top, 50) / 1500).toFixed(2)}×)`,
);

// Ingest: the same rows by COPY (one token) and through the API (another), as new keys.
const keys = rowsOf<{ id: string; key: string }>(await db.execute(sql`SELECT id, key FROM segments ORDER BY key`));
const rows = Array.from({ length: INGEST_ROWS }, (_, i) => {
  const seg = keys[i % keys.length]!;
  const rest = Math.floor(i / keys.length);
  return {
    seg,
    date: day(Math.floor(rest / 16) % DAYS),
    channel: CHANNELS[rest % 8]!,
    group: rest % 16 < 8 ? "treatment" : "holdout",
    reached: 500 + (i % 997),
    conversions: i % 41,
    revenue: (i % 1000) / 4,
  };
});
const copyToken = await createToken(db, actor, { name: `copy ${Date.now()}`, scopes: ["metrics:write"] });
const apiToken = await createToken(db, actor, { name: `api ${Date.now()}`, scopes: ["metrics:write"] });
const client = postgres(url, { max: 1, onnotice: () => {} });
const t1 = performance.now();
const copy = await client`COPY outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id) FROM STDIN (FORMAT csv)`.writable();
await new Promise<void>((resolve, reject) => {
  copy.on("error", reject);
  copy.on("finish", resolve);
  for (let i = 0; i < rows.length; i += 5000) {
    copy.write(
      rows
        .slice(i, i + 5000)
        .map((r) => `${r.seg.id},${r.date},${r.channel},${r.group},${r.reached},${r.conversions},${r.revenue},EUR,${copyToken.id}\n`)
        .join(""),
    );
  }
  copy.end();
});
const copyMs = performance.now() - t1;
await client.end();
const t2 = performance.now();
for (let i = 0; i < rows.length; i += 10_000) {
  const body = JSON.stringify({
    rows: rows
      .slice(i, i + 10_000)
      .map((r) => ({ date: r.date, segment: r.seg.key, channel: r.channel, group: r.group, reached: r.reached, conversions: r.conversions, revenue: r.revenue, currency: "EUR" })),
  });
  const res = await outcomesPost.run(
    new Request("http://bench.test/api/v1/metrics/outcomes", { method: "POST", headers: { authorization: `Bearer ${apiToken.token}`, "content-type": "application/json" }, body }),
    { db },
  );
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
}
const apiMs = performance.now() - t2;
const rate = (ms: number) => Math.round(rows.length / (ms / 1000));
console.log(
  `ingest of ${rows.length.toLocaleString("en")} rows: COPY ${rate(copyMs).toLocaleString("en")} rows/s, API ${rate(apiMs).toLocaleString("en")} rows/s: ${(copyMs / apiMs).toFixed(2)}× COPY (goal ≥ 0.3×)`,
);

await opened.close();
if (!args["keep-db"]) await adminStatement(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
