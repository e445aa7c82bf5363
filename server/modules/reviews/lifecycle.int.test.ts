import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";

const JUST = "Needed for the spring loyalty campaign.";

describeEachDb("segment lifecycle refusals through the router", (getDb) => {
  let steward: SessionUser, po: SessionUser, marketer: SessionUser, otherMarketer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    po = await makeUser(db, ["privacy_officer"]);
    marketer = await makeUser(db, ["marketer"]);
    otherMarketer = await makeUser(db, ["marketer"]);
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });

  async function draft(owner = marketer) {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    return callerFor(db, owner).segments.create(await submittableSegmentInput(db, sig.id));
  }

  async function approved(owner = marketer) {
    const db = getDb();
    const seg = await draft(owner);
    const r = await callerFor(db, owner).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    return seg;
  }

  it("refuses to activate a draft or pause a segment that is not active, saying why, and changes nothing", async () => {
    const db = getDb();
    const seg = await draft();
    const activate = await errorOf(callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id }));
    expect(activate.code).toBe("PRECONDITION_FAILED");
    expect(activate.message).toBe("Only an approved (or paused) segment can be activated.");
    const ok = await approved();
    const pause = await errorOf(callerFor(db, steward).lifecycle.pause({ segmentId: ok.id }));
    expect(pause.code).toBe("PRECONDITION_FAILED");
    expect(pause.message).toBe("Only an active segment can be paused.");
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
    expect((await callerFor(db, marketer).segments.byId({ id: ok.id })).status).toBe("approved");
  });

  it("retires once: the second retire is refused", async () => {
    const db = getDb();
    const seg = await approved();
    expect(await callerFor(db, po).lifecycle.retire({ segmentId: seg.id, reason: "Campaign over" })).toEqual({ status: "retired" });
    const again = await errorOf(callerFor(db, steward).lifecycle.retire({ segmentId: seg.id, reason: "Campaign over" }));
    expect(again.code).toBe("PRECONDITION_FAILED");
    expect(again.message).toBe("This segment is already retired.");
    const changes = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, seg.id), eq(auditEvents.action, "segment.status_changed")));
    expect(changes.map((e) => e.after)).toEqual([{ status: "retired" }]);
    expect(changes[0]!.reason).toBe("Campaign over");
  });

  it.each([
    ["an empty reason", ""],
    ["a reason of two characters after trimming", "  no  "],
    ["no reason at all", undefined],
  ])("refuses to retire with %s, naming the field", async (_label, reason) => {
    const db = getDb();
    const seg = await draft();
    const err = await errorOf(callerFor(db, steward).lifecycle.retire({ segmentId: seg.id, reason } as never));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/Say why \(at least 3 characters\)\./);
    expect((await callerFor(db, steward).segments.byId({ id: seg.id })).status).toBe("draft");
  });

  it("refuses people who do not own the segment, with the rule in words", async () => {
    const db = getDb();
    const seg = await draft();
    const submit = await errorOf(callerFor(db, otherMarketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST }));
    expect(submit.code).toBe("FORBIDDEN");
    expect(submit.message).toBe("Only the segment's owner or a data steward can submit it.");
    expect((await errorOf(callerFor(db, po).reviews.submitSegment({ segmentId: seg.id, justification: JUST }))).code).toBe("FORBIDDEN");
    const edit = await errorOf(callerFor(db, otherMarketer).segments.update({ ...(await callerFor(db, marketer).segments.byId({ id: seg.id })).data, id: seg.id, baseVersion: 1 } as never));
    expect(edit.code).toBe("FORBIDDEN");

    const live = await approved();
    const activate = await errorOf(callerFor(db, otherMarketer).lifecycle.activate({ segmentId: live.id }));
    expect(activate.code).toBe("FORBIDDEN");
    expect(activate.message).toBe("Only the owner or a data steward can activate this segment.");
    await callerFor(db, marketer).lifecycle.activate({ segmentId: live.id });
    expect((await errorOf(callerFor(db, otherMarketer).lifecycle.pause({ segmentId: live.id }))).code).toBe("FORBIDDEN");
    expect(await callerFor(db, po).lifecycle.pause({ segmentId: live.id })).toEqual({ status: "paused" });
  });

  it("lets the person who paused undo it within the minute, without a review and without the right to activate, audited", async () => {
    const db = getDb();
    const seg = await approved();
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    await callerFor(db, po).lifecycle.pause({ segmentId: seg.id });
    expect((await callerFor(db, po).segments.byId({ id: seg.id })).can.undo_pause).toEqual({ allowed: true });
    expect((await callerFor(db, po).segments.byId({ id: seg.id })).can.activate.allowed).toBe(false);
    const otherOfficer = await makeUser(db, ["privacy_officer"]);
    const other = await errorOf(callerFor(db, otherOfficer).lifecycle.undoPause({ segmentId: seg.id }));
    expect(other.code).toBe("FORBIDDEN");
    expect(other.message).toBe("Only the person who paused this segment can undo the pause.");
    expect((await errorOf(callerFor(db, steward).lifecycle.undoPause({ segmentId: seg.id }))).code).toBe("FORBIDDEN");

    expect(await callerFor(db, po).lifecycle.undoPause({ segmentId: seg.id })).toEqual({ status: "active" });
    const [row] = await db.select({ status: segments.status, pausedAt: segments.pausedAt, pausedBy: segments.pausedBy }).from(segments).where(eq(segments.id, seg.id));
    expect(row).toEqual({ status: "active", pausedAt: null, pausedBy: null });
    const [undone] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, seg.id), eq(auditEvents.action, "segment.pause_undone")));
    expect(undone).toMatchObject({ actorId: po.id, before: { status: "paused" }, after: { status: "active" } });
    expect(undone!.reason).toMatch(/^undid the pause of \d{4}-/);
    // Nothing is left to undo, and no review was opened for it.
    expect((await errorOf(callerFor(db, po).lifecycle.undoPause({ segmentId: seg.id }))).code).toBe("PRECONDITION_FAILED");
    expect((await callerFor(db, marketer).reviews.list({ queue: "all", subjectId: seg.id, limit: 50 })).filter((r) => r.status === "open")).toEqual([]);
  });

  it("refuses to undo a pause after the minute, or one that Steward made itself", async () => {
    const db = getDb();
    const seg = await approved();
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    await callerFor(db, marketer).lifecycle.pause({ segmentId: seg.id });
    await db
      .update(segments)
      .set({ pausedAt: sql`now() - interval '61 seconds'` })
      .where(eq(segments.id, seg.id));
    const late = await errorOf(callerFor(db, marketer).lifecycle.undoPause({ segmentId: seg.id }));
    expect(late.code).toBe("PRECONDITION_FAILED");
    expect(late.message).toBe("A pause can be undone only within a minute. Activate the segment instead, if you may.");
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("paused");

    await db
      .update(segments)
      .set({ pausedAt: sql`now()`, pausedBy: null })
      .where(eq(segments.id, seg.id));
    expect((await errorOf(callerFor(db, marketer).lifecycle.undoPause({ segmentId: seg.id }))).message).toBe("Steward paused this segment itself, so there is no pause of yours to undo.");
  });

  it("lets only the requester withdraw: a steward decides someone else's request instead", async () => {
    const db = getDb();
    const seg = await draft();
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const bySteward = await errorOf(callerFor(db, steward).reviews.withdraw({ requestId: r.id }));
    expect(bySteward.code).toBe("FORBIDDEN");
    expect(bySteward.message).toMatch(/Only the person who asked for this review can withdraw it/);
    expect((await callerFor(db, steward).reviews.byId({ requestId: r.id })).canWithdraw).toBe(false);
    expect((await callerFor(db, marketer).reviews.byId({ requestId: r.id })).canWithdraw).toBe(true);
    expect((await callerFor(db, steward).segments.byId({ id: seg.id })).can.withdraw).toMatchObject({ allowed: false, code: "forbidden" });
    const mine = await callerFor(db, marketer).segments.byId({ id: seg.id });
    expect(mine.can.withdraw).toEqual({ allowed: true });
    expect(mine.pendingApprovalId).toBe(r.id);
    await callerFor(db, marketer).reviews.withdraw({ requestId: r.id });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
  });

  it("segments.byId says what each person may do now, as the table does", async () => {
    const db = getDb();
    const seg = await draft();
    const own = (await callerFor(db, marketer).segments.byId({ id: seg.id })).can;
    expect(own).toEqual({
      edit: { allowed: true },
      submit: { allowed: true },
      withdraw: { allowed: false, code: "precondition", reason: "No approval request is waiting, so there is nothing to withdraw." },
      activate: { allowed: false, code: "precondition", reason: "Only an approved (or paused) segment can be activated." },
      pause: { allowed: false, code: "precondition", reason: "Only an active segment can be paused." },
      retire: { allowed: false, code: "forbidden", reason: "Only a data steward or a privacy officer can retire a segment." },
      undo_pause: { allowed: false, code: "precondition", reason: "Only a paused segment's pause can be undone." },
    });
    const officer = (await callerFor(db, po).segments.byId({ id: seg.id })).can;
    expect(officer.submit).toEqual({ allowed: false, code: "forbidden", reason: "Only the segment's owner or a data steward can submit it." });
    expect(officer.retire).toEqual({ allowed: true });
    const auditor = await makeUser(db, ["auditor"]);
    const nothing = (await callerFor(db, auditor).segments.byId({ id: seg.id })).can;
    expect(Object.values(nothing).filter((v) => v.allowed)).toEqual([]);
  });

  it("counts the requests awaiting a person's review in SQL, as the queue lists them", async () => {
    const db = getDb();
    const reviewer = await makeUser(db, ["steward"]);
    const before = await callerFor(db, reviewer).reviews.awaitingCount();
    expect(before).toBe((await callerFor(db, reviewer).reviews.list({ queue: "awaiting_me", limit: 200 })).length);
    const seg = await draft();
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    expect(await callerFor(db, reviewer).reviews.awaitingCount()).toBe(before + 1);
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    // The one steward approval it needed is in: nothing is left for another steward.
    expect(await callerFor(db, reviewer).reviews.awaitingCount()).toBe(before);
    expect(await callerFor(db, marketer).reviews.awaitingCount()).toBe(0);
  });
});
