import { eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, errorOf, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";

const JUST = "Needed for the spring loyalty campaign.";

describeEachDb("bulk actions on the segments list's selection", (getDb) => {
  let steward: SessionUser, marketer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    marketer = await makeUser(db, ["marketer"]);
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });

  async function draft() {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    return callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
  }

  it("submits each selected draft in its own transaction, and says which were refused and why", async () => {
    const db = getDb();
    const [a, b] = [await draft(), await draft()];
    await callerFor(db, marketer).reviews.submitSegment({ segmentId: b.id, justification: JUST });
    const opened = async () => (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "review.opened"))).length;
    const before = await opened();
    const out = await callerFor(db, marketer).reviews.submitSegments({ segmentIds: [a.id, b.id], justification: JUST });
    expect(out[0]).toEqual({ segmentId: a.id, ok: true });
    expect(out[1]).toMatchObject({ segmentId: b.id, ok: false, code: "PRECONDITION_FAILED" });
    const statuses = await db
      .select({ id: segments.id, status: segments.status })
      .from(segments)
      .where(inArray(segments.id, [a.id, b.id]));
    expect(statuses.map((s) => s.status)).toEqual(["in_review", "in_review"]);
    // One review opened (and audited): the refused one wrote nothing.
    expect((await opened()) - before).toBe(1);
  });

  it("pauses the active ones of a selection; the draft among them is refused, not the call", async () => {
    const db = getDb();
    const [a, b] = [await draft(), await draft()];
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: a.id, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId: a.id });
    const out = await callerFor(db, steward).lifecycle.pauseMany({ segmentIds: [a.id, b.id], reason: "Campaign on hold" });
    expect(out.map((o) => o.ok)).toEqual([true, false]);
    expect(out[1]).toMatchObject({ code: "PRECONDITION_FAILED" });
    const [row] = await db.select({ status: segments.status }).from(segments).where(eq(segments.id, a.id));
    expect(row!.status).toBe("paused");
  });

  it("refuses an empty selection, and more than 100 at once, naming the field", async () => {
    const db = getDb();
    const none = await errorOf(callerFor(db, steward).lifecycle.pauseMany({ segmentIds: [] }));
    expect(none.message).toMatch(/Select at least one segment/);
    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    const tooMany = await errorOf(callerFor(db, steward).lifecycle.pauseMany({ segmentIds: many }));
    expect(tooMany.message).toMatch(/At most 100 segments at once/);
  });
});
