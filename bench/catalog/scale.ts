// `npm run bench:catalog -- --scale`: what the dashboard, the findings card and the review badge
// cost at 10,000 and at 100,000 segments (goal of issue 18: at most 1.5× at 100,000). Each size
// is generated in its own database (steward_bench_scale), with 20% of segments awaiting review
// and some decisions on them; the reads are timed in process, one at a time, because what grows
// with the catalog is their SQL, not HTTP or the session check (bench/catalog's main run times
// those). The database is dropped after each size.
import os from "node:os";
import { sql } from "drizzle-orm";
import { openPostgres, type Db } from "../../server/db/client";
import { ensureReferenceData } from "../../server/db/reference-data";
import { rowsOf } from "../../server/db/rows";
import { users } from "../../server/db/schema";
import { dashboardSummary } from "../../server/modules/dashboard/service";
import { findingCounts } from "../../server/modules/policy/finding-counts";
import { allSegmentIds, evaluateAndStore } from "../../server/modules/policy/evaluation.service";
import { awaitingCount } from "../../server/modules/reviews/queries";
import type { SessionUser } from "../../server/auth/identity";
import { counts, generateCatalog } from "./generate";
import { adminStatement, benchDbUrl } from "../support/bench-db";

const DB_NAME = "steward_bench_scale";
const GOAL = 1.5;

/** Review requests awaiting a steward or privacy officer for `share` of segments, a third with one approval already. */
export async function openReviews(db: Db, share: number) {
  await db.execute(sql`
    INSERT INTO review_requests (type, subject_type, subject_id, subject_version, subject_label, requester_id, justification, sensitivity, required_approvals, due_at)
    SELECT 'segment_approval', 'segment', s.id, s.version, s.name, s.owner_id, 'Bench', s.sensitivity,
      CASE WHEN g % 2 = 0 THEN '[{"role":"steward","count":1}]'::jsonb ELSE '[{"role":"steward","count":1},{"role":"privacy_officer","count":2}]'::jsonb END,
      now() + (g % 30 - 5) * interval '1 day'
    FROM (SELECT id, version, name, owner_id, sensitivity, row_number() OVER (ORDER BY id) AS g FROM segments) s
    WHERE s.g % ${Math.round(1 / share)} = 0`);
  const [approver] = await db
    .insert(users)
    .values({ email: "bench-approver@bench.example", name: "Bench Approver", roles: ["privacy_officer"] })
    .returning();
  await db.execute(sql`
    INSERT INTO review_decisions (request_id, user_id, role, decision)
    SELECT r.id, ${approver!.id}, 'privacy_officer', 'approve'
    FROM review_requests r WHERE r.required_approvals @> '[{"role":"privacy_officer"}]' AND hashtext(r.id::text) % 3 = 0`);
}

interface Timing {
  name: string;
  p50: number;
}

async function time(name: string, fn: () => Promise<unknown>, rounds: number): Promise<Timing> {
  for (let i = 0; i < 10; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, p50: ms[Math.floor(ms.length / 2)]! };
}

async function measureAt(adminUrl: string, segments: number, rounds: number): Promise<Timing[]> {
  const dbUrl = benchDbUrl(DB_NAME, adminUrl);
  await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`, adminUrl);
  await adminStatement(`CREATE DATABASE ${DB_NAME}`, adminUrl);
  const opened = await openPostgres(dbUrl);
  try {
    const db = opened.db;
    const t = performance.now();
    await ensureReferenceData(db);
    await generateCatalog(db, { sources: 500, signals: 50_000, segments, owners: 40 });
    const [officer] = await db
      .insert(users)
      .values({ email: "bench-officer@bench.example", name: "Bench Officer", roles: ["privacy_officer"] })
      .returning();
    const [steward] = await db
      .insert(users)
      .values({ email: "bench-steward@bench.example", name: "Bench Steward", roles: ["steward", "privacy_officer"] })
      .returning();
    await evaluateAndStore(db, await allSegmentIds(db));
    await openReviews(db, 0.2);
    await db.execute(sql`VACUUM ANALYZE`);
    const open = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM review_requests WHERE status = 'open'`))[0]!.n;
    console.log(`\n${segments.toLocaleString("en")} segments generated in ${((performance.now() - t) / 1000).toFixed(0)} s:`, { ...(await counts(db)), openReviews: open });
    const asUser = (u: typeof steward): SessionUser => ({ id: u!.id, email: u!.email, name: u!.name, roles: u!.roles });
    const results = [
      await time("dashboard.summary", () => dashboardSummary(db), rounds),
      await time("policy.findingCounts", () => findingCounts(db), rounds),
      await time("reviews.awaitingCount (steward + officer)", () => awaitingCount(db, asUser(steward)), rounds),
      await time("reviews.awaitingCount (officer)", () => awaitingCount(db, asUser(officer)), rounds),
    ];
    for (const r of results) console.log(`  ${r.name.padEnd(44)} p50 ${r.p50.toFixed(2)} ms`);
    return results;
  } finally {
    await opened.close();
    await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`, adminUrl);
  }
}

export async function runScale(adminUrl: string, rounds: number): Promise<boolean> {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
  console.log(`Scale benchmark: 10,000 and 100,000 segments in ${DB_NAME}; ${os.cpus().length} cores, load average ${load()}`);
  const small = await measureAt(adminUrl, 10_000, rounds);
  const large = await measureAt(adminUrl, 100_000, rounds);
  console.log(`\n${"read".padEnd(44)} ${"10k p50".padStart(10)} ${"100k p50".padStart(10)} ${"ratio".padStart(7)}  ≤ ${GOAL}×`);
  let ok = true;
  for (const [i, s] of small.entries()) {
    const l = large[i]!;
    const ratio = l.p50 / s.p50;
    ok &&= ratio <= GOAL;
    console.log(
      `${s.name.padEnd(44)} ${`${s.p50.toFixed(2)} ms`.padStart(10)} ${`${l.p50.toFixed(2)} ms`.padStart(10)} ${`${ratio.toFixed(2)}×`.padStart(7)}  ${ratio <= GOAL ? "yes" : "NO"}`,
    );
  }
  console.log(`load average now ${load()}`);
  return ok;
}
