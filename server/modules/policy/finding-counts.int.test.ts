import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { foldCounters } from "@/server/db/counters";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, segmentInput } from "@/server/testing/catalog";
import { callerFor } from "@/server/testing/fixtures";
import { dashboardSummary } from "@/server/modules/dashboard/service";
import type { SessionUser } from "@/server/auth/identity";
import { coveredByException } from "./exception-cover";
import { findingCounts } from "./finding-counts";
import { awaitingCount, listRequests } from "@/server/modules/reviews/queries";

/** What the counters must equal: the full scan findingCounts did before counters. */
async function scannedFindingCounts(db: Db, now: Date) {
  return rowsOf<{ policyKey: string; blocked: number; waived: number; warnings: number }>(
    await db.execute(sql`
      SELECT c.policy_key AS "policyKey",
        count(DISTINCT c.segment_id) FILTER (WHERE c.severity = 'block' AND NOT c.covered)::int AS blocked,
        count(DISTINCT c.segment_id) FILTER (WHERE c.severity = 'block' AND c.covered)::int AS waived,
        count(DISTINCT c.segment_id) FILTER (WHERE c.severity = 'warn')::int AS warnings
      FROM (
        SELECT f.policy_key, f.segment_id, f.severity, ${coveredByException(now)} AS covered
        FROM segment_findings f
        JOIN segments s ON s.id = f.segment_id AND s.version = f.segment_version AND s.status <> 'retired'
      ) c
      GROUP BY c.policy_key
      ORDER BY c.policy_key`),
  );
}

async function scannedSegmentCounts(db: Db) {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`SELECT
      count(*) FILTER (WHERE status = 'draft')::int AS draft, count(*) FILTER (WHERE status = 'in_review')::int AS in_review,
      count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status = 'active')::int AS active,
      count(*) FILTER (WHERE status = 'paused')::int AS paused,
      count(*) FILTER (WHERE consent_changed_upstream AND status <> 'retired')::int AS consent_changed,
      (SELECT count(*) FROM signals WHERE retired_at IS NULL)::int AS signals,
      (SELECT count(*) FROM review_requests WHERE status IN ('open', 'changes_requested'))::int AS open_reviews
      FROM segments`),
  );
  return row!;
}

/** A small deterministic generator, so a failure replays. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES = ["draft", "in_review", "approved", "active", "paused", "retired"] as const;
const KEYS = ["check_a", "check_b", "check_c"];
const FINGERPRINTS = ["fp1", "fp2", "fp3"];

describeEachDb("finding and dashboard counters", (getDb) => {
  let steward: SessionUser;
  let officer: SessionUser;
  let people: SessionUser[] = [];
  const ids: string[] = [];
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    officer = await makeUser(db, ["privacy_officer"]);
    people = [steward, officer, await makeUser(db, ["steward", "privacy_officer"]), await makeUser(db, ["privacy_officer"]), await makeUser(db, ["marketer"])];
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const signal = await makeSignal(db, steward, source.id, { name: "Counter clicks" });
    for (let i = 0; i < 8; i++) ids.push((await callerFor(db, steward).segments.create(segmentInput(group(cond(signal.id)), { name: `Counted ${i}` }))).id);
  });

  it("equal a full count after many random changes to findings, exceptions, versions, statuses and reviews", async () => {
    const db = getDb();
    const rand = prng(18);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const now = new Date();
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
    for (let step = 0; step < 300; step++) {
      const id = pick(ids);
      const r = rand();
      if (r < 0.35) {
        // A finding on the head version (or, now and then, an older one that must not count).
        await db.execute(sql`INSERT INTO segment_findings (segment_id, segment_version, policy_version, policy_key, fingerprint, severity, title, message, remedy, signals, purposes, channels)
          SELECT id, CASE WHEN ${rand() < 0.15} THEN version - 1 ELSE version END, 1, ${pick(KEYS)}, ${pick(FINGERPRINTS)}, ${rand() < 0.6 ? "block" : "warn"}, 't', 'm', 'r', '[]'::jsonb, '{}', '{}'
          FROM segments WHERE id = ${id}`);
      } else if (r < 0.5) {
        await db.execute(sql`DELETE FROM segment_findings WHERE id IN (SELECT id FROM segment_findings WHERE segment_id = ${id} ORDER BY random() LIMIT 2)`);
      } else if (r < 0.65) {
        // Exceptions expiring an hour ago up to a day ahead: some are in force at `now`, some not.
        await db.execute(sql`INSERT INTO policy_exceptions (segment_id, policy_key, fingerprint, finding_title, justification, expires_at, granted_by_id, created_at)
          VALUES (${id}, ${pick(KEYS)}, ${pick(FINGERPRINTS)}, 't', 'j', ${at(rand() * 25 - 1)}::timestamptz, ${officer.id}, ${at(-step)}::timestamptz)`);
      } else if (r < 0.72) {
        await db.execute(
          sql`UPDATE policy_exceptions SET revoked_at = now(), revoked_by_id = ${officer.id} WHERE id IN (SELECT id FROM policy_exceptions WHERE segment_id = ${id} AND revoked_at IS NULL LIMIT 1)`,
        );
      } else if (r < 0.82) {
        await db.execute(sql`UPDATE segments SET status = ${pick(STATUSES)}, consent_changed_upstream = ${rand() < 0.3} WHERE id = ${id}`);
      } else if (r < 0.9) {
        // A new head version: the old version's findings stop counting.
        await db.execute(sql`UPDATE segments SET version = version + 1 WHERE id = ${id}`);
      } else if (r < 0.95) {
        // Several segments in one statement, as a policy change re-evaluates them.
        await db.execute(sql`DELETE FROM segment_findings WHERE segment_id IN (${ids[0]}, ${ids[1]}, ${ids[2]}) AND policy_key = ${pick(KEYS)}`);
      } else if (r < 0.97) {
        // Review requests and decisions: what the badge counts.
        const required = pick(['[{"role":"steward","count":1}]', '[{"role":"steward","count":1},{"role":"privacy_officer","count":2}]', '[{"role":"privacy_officer","count":2}]']);
        await db.execute(sql`INSERT INTO review_requests (type, subject_type, subject_id, subject_version, subject_label, requester_id, author_id, justification, sensitivity, required_approvals, status, due_at)
          VALUES ('segment_approval', 'segment', ${id}, 1, 's', ${pick(people).id}, ${rand() < 0.5 ? pick(people).id : null}, 'j', 'internal', ${required}::jsonb, ${pick(["open", "open", "changes_requested", "approved"])}, ${at(24)}::timestamptz)`);
        for (let d = 0; d < 3; d++) {
          const who = pick(people);
          await db.execute(sql`INSERT INTO review_decisions (request_id, user_id, role, decision)
            SELECT id, ${who.id}, ${pick(who.roles)}, ${rand() < 0.8 ? "approve" : "reject"} FROM review_requests ORDER BY random() LIMIT 1 ON CONFLICT DO NOTHING`);
        }
        if (rand() < 0.3) await db.execute(sql`DELETE FROM review_decisions WHERE id IN (SELECT id FROM review_decisions ORDER BY random() LIMIT 1)`);
        await db.execute(sql`UPDATE review_requests SET status = ${pick(["open", "rejected", "changes_requested"])} WHERE id IN (SELECT id FROM review_requests ORDER BY random() LIMIT 1)`);
      } else {
        await db.execute(sql`UPDATE signals SET retired_at = CASE WHEN retired_at IS NULL THEN now() ELSE NULL END WHERE id IN (SELECT id FROM signals LIMIT 1)`);
      }
      if (step % 60 === 59) await foldCounters(db);
      if (step % 25 === 24) {
        // Several clocks: before any exception expires, now, and after most have.
        for (const when of [new Date(now.getTime() - 7_200_000), now, new Date(now.getTime() + 12 * 3_600_000), new Date(now.getTime() + 48 * 3_600_000)]) {
          expect(await findingCounts(db, when), `step ${step} at ${when.toISOString()}`).toEqual(await scannedFindingCounts(db, when));
        }
        const scanned = await scannedSegmentCounts(db);
        const summary = await dashboardSummary(db, now);
        for (const p of people) {
          const queue = await listRequests(db, p, { queue: "awaiting_me", limit: 200 });
          expect(queue.length).toBeLessThan(200);
          expect(await awaitingCount(db, p), `awaiting ${p.roles.join("+")} at step ${step}`).toBe(queue.length);
        }
        expect({ ...summary.segmentsByStatus, consent_changed: summary.consentChangedUpstream, signals: summary.signals, open_reviews: summary.openReviews }).toEqual(scanned);
      }
    }
    // The random walk did reach every state the counts tell apart.
    expect((await Promise.all(people.map((p) => awaitingCount(db, p)))).some((n) => n > 0)).toBe(true);
    const final = await scannedFindingCounts(db, now);
    expect(final.some((c) => c.blocked > 0) && final.some((c) => c.waived > 0) && final.some((c) => c.warnings > 0)).toBe(true);
  });
});
