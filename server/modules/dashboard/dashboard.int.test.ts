import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { reviewRequests, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";

const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describeEachDb("dashboard summary", (getDb) => {
  let steward: SessionUser;
  let auditor: SessionUser;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    auditor = await makeUser(getDb(), ["auditor"]);
  });

  it("counts segments by status, attention flags and open reviews, matching the lists it links to", async () => {
    const db = getDb();
    const before = await callerFor(db, auditor).dashboard.summary();
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const signal = await makeSignal(db, steward, source.id, { name: "Dashboard clicks" });
    const make = (name: string) => callerFor(db, steward).segments.create(segmentInput(group(cond(signal.id)), { name }));

    const dueSoon = await make("Due soon");
    const dueLater = await make("Due later");
    const flagged = await make("Flagged upstream");
    await make("Still a draft");
    await db
      .update(segments)
      .set({ status: "active", recertifyBy: daysFromNow(10) })
      .where(eq(segments.id, dueSoon.id));
    await db
      .update(segments)
      .set({ status: "active", recertifyBy: daysFromNow(90) })
      .where(eq(segments.id, dueLater.id));
    await db.update(segments).set({ status: "paused", consentChangedUpstream: true }).where(eq(segments.id, flagged.id));

    const after = await callerFor(db, auditor).dashboard.summary();
    expect(after.segmentsByStatus.active - before.segmentsByStatus.active).toBe(2);
    expect(after.segmentsByStatus.paused - before.segmentsByStatus.paused).toBe(1);
    expect(after.segmentsByStatus.draft - before.segmentsByStatus.draft).toBe(1);
    expect(after.recertificationDueSoon - before.recertificationDueSoon).toBe(1);
    expect(after.consentChangedUpstream - before.consentChangedUpstream).toBe(1);
    expect(after.sources - before.sources).toBe(1);
    expect(after.signals - before.signals).toBe(1);

    // The tiles link to lists that show exactly what they count.
    const due = await callerFor(db, auditor).segments.list({ recertification: "due", pageSize: 100 });
    expect(due.total).toBe(after.recertificationDueSoon);
    expect(due.items.map((i) => i.name)).toContain("Due soon");
    expect(due.items.map((i) => i.name)).not.toContain("Due later");
    const changed = await callerFor(db, auditor).segments.list({ findings: "consent_changed", pageSize: 100 });
    expect(changed.total).toBe(after.consentChangedUpstream);
    expect(changed.items.map((i) => i.name)).toContain("Flagged upstream");
  });

  it("counts open and overdue review requests", async () => {
    const db = getDb();
    const before = await callerFor(db, auditor).dashboard.summary();
    const marketer = await makeUser(db, ["marketer"]);
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const signal = await makeSignal(db, steward, source.id, { name: "Review clicks" });
    const seg = await callerFor(db, marketer).segments.create(
      segmentInput(group(cond(signal.id)), {
        name: "Reviewed",
        purposeStatement: "Invite engaged readers.",
        rationale: { assumptions: "a", limitations: "b", expectedOutcomes: "c" },
        refreshCadence: "daily",
        minCohortSize: 100,
      }),
    );
    const req = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Needed for spring." });
    expect((await callerFor(db, auditor).dashboard.summary()).openReviews - before.openReviews).toBe(1);
    await db
      .update(reviewRequests)
      .set({ dueAt: new Date(Date.now() - 86_400_000) })
      .where(eq(reviewRequests.id, req.id));
    const after = await callerFor(db, auditor).dashboard.summary();
    expect(after.overdueReviews - before.overdueReviews).toBe(1);
  });
});
