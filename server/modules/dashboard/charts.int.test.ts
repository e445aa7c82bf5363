import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { dashboardDaily, reviewRequests } from "@/server/db/schema";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { dayFromToday } from "@/domain/dates";

describeEachDb("dashboard charts", (getDb) => {
  let steward: SessionUser;
  let marketer: SessionUser;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    marketer = await makeUser(getDb(), ["marketer"]);
  });

  it("keeps a snapshot of open findings per day, stored once a day, with today live", async () => {
    const db = getDb();
    await db.insert(dashboardDaily).values({ day: dayFromToday(-3), blocked: 4, waived: 1, warned: 2 });
    const first = await callerFor(db, steward).dashboard.findingsOverTime();
    expect(first.at(-1)!.day).toBe(dayFromToday(0));
    expect(first[0]).toMatchObject({ day: dayFromToday(-3), blocked: 4, waived: 1, warned: 2 });
    await callerFor(db, steward).dashboard.findingsOverTime();
    expect(await db.select().from(dashboardDaily)).toHaveLength(2);
  });

  it("sorts open reviews by age", async () => {
    const db = getDb();
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const signal = await makeSignal(db, steward, source.id, { name: "Ageing clicks" });
    const seg = await callerFor(db, marketer).segments.create(
      segmentInput(group(cond(signal.id)), {
        name: "Ageing",
        purposeStatement: "Invite readers.",
        rationale: { assumptions: "a", limitations: "b", expectedOutcomes: "c" },
        refreshCadence: "daily",
        minCohortSize: 100,
      }),
    );
    const req = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Needed for spring." });
    await db
      .update(reviewRequests)
      .set({ createdAt: new Date(Date.now() - 10 * 86_400_000) })
      .where(eq(reviewRequests.id, req.id));
    const buckets = await callerFor(db, steward).dashboard.reviewAgeing();
    expect(buckets.map((b) => b.label)).toEqual(["0–2 days", "3–7 days", "8–14 days", "15–30 days", "Over 30 days"]);
    expect(buckets[2]).toEqual({ label: "8–14 days", open: 1, changesRequested: 0 });
  });

  it("withholds a purpose's withdrawals this month below the policy's minimum cohort", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const { id: tokenId } = await callerFor(db, admin).tokens.create({ name: "cmp", scopes: ["metrics:write"] });
    const today = dayFromToday(0);
    await db.execute(sql`INSERT INTO consent_metrics (purpose_id, date, source, jurisdiction, consented, opt_ins, withdrawals, token_id)
      SELECT p.id, ${today}::date, '', '', 10000, 50, CASE p.key WHEN 'marketing.email' THEN 400 ELSE 3 END, ${tokenId}::uuid
      FROM consent_purposes p WHERE p.key IN ('marketing.email', 'marketing.sms')`);
    const r = await callerFor(db, marketer).dashboard.withdrawalsThisMonth();
    const k = DEFAULT_POLICY_SETTINGS.minCohortSize;
    expect(r.k).toBe(k);
    expect(r.purposes.map((p) => [p.key, p.withdrawals])).toEqual([
      ["marketing.email", { released: true, value: 400 }],
      ["marketing.sms", { released: false, reason: "threshold", message: `fewer than ${k}` }],
    ]);
  });
});
