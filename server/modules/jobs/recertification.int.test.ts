import { inTransaction } from "@/server/db/transaction";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/server/testing/db";
import { reviewRequests, segments } from "@/server/db/schema";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { openDueRecertifications } from "./recertification";
import { jobsNamed, recertificationJob } from "./jobs";

const SYSTEM = { id: null, label: "system" };
const DUE = new Date("2026-01-02T00:00:00Z");

// Two server processes may run the same job at the same moment (a catch-up after start-up, a
// run by hand): each due segment must still get exactly one re-certification request.
describeEachDb("re-certification run concurrently", (getDb) => {
  let steward: SessionUser, marketer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    marketer = await makeUser(db, ["marketer"]);
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });

  /** An active segment whose re-certification fell due on 2026-01-01. */
  async function dueSegment() {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    const seg = await callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Needed for the spring loyalty campaign." });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    await db.update(segments).set({ recertifyBy: "2026-01-01" }).where(eq(segments.id, seg.id));
    return seg.id;
  }

  const openRecertifications = async (segmentId: string) =>
    getDb()
      .select({ id: reviewRequests.id })
      .from(reviewRequests)
      .where(and(eq(reviewRequests.subjectId, segmentId), eq(reviewRequests.type, "recertification"), sql`${reviewRequests.status} IN ('open', 'changes_requested')`));

  it("opens one request when several transactions open due requests at once", async () => {
    const db = getDb();
    const id = await dueSegment();
    // Below the job's own lock: only the per-segment lock stands between these.
    const counts = await Promise.all([1, 2, 3].map(() => inTransaction(db, (tx) => openDueRecertifications(tx, SYSTEM, DUE))));
    expect(await openRecertifications(id)).toHaveLength(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("opens one request when the job runs in several places at once", async () => {
    const id = await dueSegment();
    const results = await Promise.all([1, 2, 3].map(() => recertificationJob.run(getDb(), DUE)));
    expect(await openRecertifications(id)).toHaveLength(1);
    expect(results.reduce((a, r) => a + (r.opened ?? 0), 0)).toBe(1);
  });

  it("names the known jobs when asked for an unknown one", () => {
    expect(jobsNamed([]).map((j) => j.name)).toEqual(["recertification", "request-expiry", "email-delivery", "decision-log-prune", "exception-expiry", "withdrawal-spike"]);
    expect(() => jobsNamed(["recertify"])).toThrow('Unknown job "recertify". Jobs: recertification, request-expiry, email-delivery, decision-log-prune, exception-expiry, withdrawal-spike.');
  });
});
