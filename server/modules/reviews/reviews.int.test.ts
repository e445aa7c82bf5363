import { TRPCError } from "@trpc/server";
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, lineageEdges, notifications, reviewDecisions, reviewRequests, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { runScheduledJobs } from "@/server/modules/jobs/run";

const JUST = "Needed for the spring loyalty campaign.";

describeEachDb("review workflows", (getDb) => {
  let steward: SessionUser, steward2: SessionUser, po1: SessionUser, marketer: SessionUser, everything: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    steward2 = await makeUser(db, ["steward"]);
    po1 = await makeUser(db, ["privacy_officer"]);
    // A second privacy officer, so the reviewer pool is not one person (no test acts as them).
    await makeUser(db, ["privacy_officer"]);
    marketer = await makeUser(db, ["marketer"]);
    everything = await makeUser(db, ["admin", "steward", "privacy_officer", "marketer", "auditor"]);
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });

  async function documentedSegment(owner: SessionUser, category = "user.behavior.email_engagement") {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category, name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    const seg = await callerFor(db, owner).segments.create(await submittableSegmentInput(db, sig.id));
    return { sig, seg };
  }

  /** The marketer's segment through one steward approval to active. */
  async function approveAndActivate(segmentId: string) {
    const db = getDb();
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId });
  }

  it("marketer submits, steward approves, marketer activates; each step audited", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    const req = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("in_review");
    const view = await callerFor(db, steward).reviews.byId({ requestId: req.id });
    expect(view.required).toEqual([{ role: "steward", count: 1 }]);
    expect(view.canDecide).toBe(true);
    expect((await callerFor(db, marketer).reviews.byId({ requestId: req.id })).canDecide).toBe(false);

    const res = await callerFor(db, steward).reviews.decide({ requestId: req.id, decision: "approve", comment: "Looks right" });
    expect(res.status).toBe("approved");
    const approved = await callerFor(db, marketer).segments.byId({ id: seg.id });
    expect(approved.status).toBe("approved");
    expect(approved.approvedVersionId).toBe(approved.headVersionId);
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("active");
    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.entityId, seg.id)).orderBy(auditEvents.seq)).map((e) => e.action);
    expect(actions).toEqual(["segment.created", "segment.approved", "segment.status_changed"]);
    const note = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marketer.id), eq(notifications.kind, "decision")));
    expect(note.length).toBeGreaterThan(0);
    // It opens the segment, where Activate is offered, rather than only the review.
    expect(note.some((n) => n.link === `/catalog/segments/${seg.id}`)).toBe(true);
  });

  it("confidential needs a steward and a privacy officer; restricted needs two distinct privacy officers", async () => {
    const db = getDb();
    const { seg: conf } = await documentedSegment(marketer, "user.contact.email");
    const r1 = await callerFor(db, marketer).reviews.submitSegment({ segmentId: conf.id, justification: JUST });
    expect((await callerFor(db, steward).reviews.decide({ requestId: r1.id, decision: "approve" })).status).toBe("open");
    expect((await callerFor(db, po1).reviews.decide({ requestId: r1.id, decision: "approve" })).status).toBe("approved");

    const { seg: restricted } = await documentedSegment(marketer, "user.financial.credit_card");
    const r2 = await callerFor(db, marketer).reviews.submitSegment({ segmentId: restricted.id, justification: JUST });
    expect((await callerFor(db, steward).reviews.byId({ requestId: r2.id })).required).toEqual([
      { role: "steward", count: 1 },
      { role: "privacy_officer", count: 2 },
    ]);
    await callerFor(db, po1).reviews.decide({ requestId: r2.id, decision: "approve" });
    const again = await errorOf(callerFor(db, po1).reviews.decide({ requestId: r2.id, decision: "approve" }));
    expect(again.message).toMatch(/each person counts once/);
    // A person with both roles counts once, in the scarcer role.
    expect((await callerFor(db, everything).reviews.decide({ requestId: r2.id, decision: "approve" })).outstanding).toEqual([{ role: "steward", count: 1 }]);
    expect((await callerFor(db, steward).reviews.decide({ requestId: r2.id, decision: "approve" })).status).toBe("approved");
  });

  it("four-eyes: the requester or author never decides, even holding every role", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(everything);
    const r = await callerFor(db, everything).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const own = await errorOf(callerFor(db, everything).reviews.decide({ requestId: r.id, decision: "approve" }));
    expect(own.code).toBe("FORBIDDEN");
    expect(own.message).toMatch(/four-eyes/);
    expect((await errorOf(callerFor(db, everything).reviews.decide({ requestId: r.id, decision: "reject" }))).code).toBe("FORBIDDEN");
    // The author is barred even when someone else submitted.
    const { seg: s2 } = await documentedSegment(steward2);
    const r2 = await callerFor(db, steward).reviews.submitSegment({ segmentId: s2.id, justification: JUST });
    expect((await errorOf(callerFor(db, steward2).reviews.decide({ requestId: r2.id, decision: "approve" }))).message).toMatch(/wrote the version/);
    expect((await callerFor(db, steward).reviews.list({ queue: "awaiting_me" })).map((i) => i.id)).not.toContain(r2.id);
    expect((await callerFor(db, steward2).reviews.list({ queue: "awaiting_me" })).map((i) => i.id)).not.toContain(r2.id);
    expect((await callerFor(db, everything).reviews.list({ queue: "awaiting_me" })).map((i) => i.id)).toContain(r2.id);
    expect((await errorOf(callerFor(db, marketer).reviews.decide({ requestId: r2.id, decision: "approve" }))).code).toBe("FORBIDDEN");
  });

  it("blocking findings stop submission and approval unless an exception covers them", async () => {
    const db = getDb();
    const { sig, seg } = await documentedSegment(marketer);
    await callerFor(db, po1).signals.updateConsents({ id: sig.id, consents: [] });
    const refused = await errorOf(callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/blocking finding.*“Not collected for email marketing”/);
    const blocking = (await callerFor(db, po1).segments.byId({ id: seg.id })).findings.filter((f) => f.severity === "block");
    for (const f of blocking)
      await callerFor(db, po1).policy.grantException({ findingId: f.id, justification: "Consent backfill signed off by legal.", expiresAt: new Date(Date.now() + 86_400_000 * 30) });
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const [exc] = await callerFor(db, po1).policy.exceptions({ segmentId: seg.id });
    await callerFor(db, po1).policy.revokeException({ id: exc!.id, reason: "Backfill cancelled" });
    const approve = await errorOf(callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" }));
    expect(approve.message).toMatch(/cannot be approved/);
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "reject", comment: "Fix the consent first" });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
  });

  it("two approvers at the same moment leave one consistent result", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const results = await Promise.allSettled([
      callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" }),
      callerFor(db, steward2).reviews.decide({ requestId: r.id, decision: "approve" }),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((x): x is PromiseRejectedResult => x.status === "rejected")!;
    expect((rejected.reason as TRPCError).message).toMatch(/approved; it can no longer be decided/);
    expect(await db.select().from(reviewDecisions).where(eq(reviewDecisions.requestId, r.id))).toHaveLength(1);
    const [row] = await db.select().from(reviewRequests).where(eq(reviewRequests.id, r.id));
    expect(row!.status).toBe("approved");
  });

  it("editing an active segment makes a new draft while the approved version stays in force", async () => {
    const db = getDb();
    const { sig, seg } = await documentedSegment(marketer);
    await approveAndActivate(seg.id);
    const before = await callerFor(db, marketer).segments.byId({ id: seg.id });
    const current = before.data;
    await callerFor(db, marketer).segments.update({ ...current, id: seg.id, baseVersion: 1, definition: group(cond(sig.id, 5)) } as never);
    const after = await callerFor(db, marketer).segments.byId({ id: seg.id });
    expect(after.status).toBe("active");
    expect(after.version).toBe(2);
    expect(after.approvedVersionId).toBe(before.approvedVersionId);
    const r2 = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Tighter definition" });
    expect((await callerFor(db, steward).reviews.byId({ requestId: r2.id })).segment).toMatchObject({ inForceVersion: 1, headVersion: 2 });
  });

  it("lineage keeps the version in force's inputs and channels while a draft changes them, until the draft is approved", async () => {
    const db = getDb();
    const { sig, seg } = await documentedSegment(marketer);
    await approveAndActivate(seg.id);
    const inForce = (await callerFor(db, marketer).segments.byId({ id: seg.id })).data as { channels: string[] };
    expect(inForce.channels.length).toBeGreaterThan(0);
    const replacement = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: "Opens" });
    // The draft swaps the signal and the channels; the approved version still uses the old ones.
    await callerFor(db, marketer).segments.update({ ...inForce, id: seg.id, baseVersion: 1, definition: group(cond(replacement.id)), channels: ["web"] } as never);
    const into = async () =>
      (
        await db
          .select()
          .from(lineageEdges)
          .where(eq(lineageEdges.toNode, `segment:${seg.id}`))
      )
        .map((e) => e.fromNode)
        .sort();
    const outOf = async () =>
      (
        await db
          .select()
          .from(lineageEdges)
          .where(eq(lineageEdges.fromNode, `segment:${seg.id}`))
      )
        .map((e) => e.toNode)
        .sort();
    expect(await into()).toEqual([`signal:${sig.id}`, `signal:${replacement.id}`].sort());
    expect(await outOf()).toEqual([...new Set([...inForce.channels, "web"])].map((c) => `channel:${c}`).sort());
    // Impact analysis of the signal in force still finds the live segment.
    expect((await callerFor(db, po1).lineage.impact({ node: `signal:${sig.id}` })).segments.map((x) => x.id)).toContain(seg.id);

    const r2 = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Opens say more than clicks" });
    await callerFor(db, steward).reviews.decide({ requestId: r2.id, decision: "approve" });
    expect(await into()).toEqual([`signal:${replacement.id}`]);
    expect(await outOf()).toEqual(["channel:web"]);
    expect((await callerFor(db, po1).lineage.impact({ node: `signal:${sig.id}` })).segments.map((x) => x.id)).not.toContain(seg.id);
  });

  it("a consent change upstream of an active segment opens a re-review by itself", async () => {
    const db = getDb();
    const { sig, seg } = await documentedSegment(marketer);
    await approveAndActivate(seg.id);
    await callerFor(db, po1).signals.updateConsents({ id: sig.id, consents: [] });
    const open = await callerFor(db, steward).reviews.list({ queue: "open", subjectId: seg.id });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ requesterName: "Steward (automatic)", type: "segment_approval" });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).consentChangedUpstream).toBe(true);
    await callerFor(db, marketer).lifecycle.pause({ segmentId: seg.id });
    expect((await errorOf(callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id }))).message).toMatch(/Consent changed upstream/);
  });

  it("re-certification: a request when due, an automatic pause when overdue beyond grace", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    await approveAndActivate(seg.id);
    await db.update(segments).set({ recertifyBy: "2026-01-01" }).where(eq(segments.id, seg.id));
    const first = await runScheduledJobs(db, new Date("2026-01-02T00:00:00Z"));
    expect(first.opened).toBe(1);
    const recert = await callerFor(db, steward).reviews.list({ queue: "open", subjectId: seg.id, type: "recertification" });
    expect(recert).toHaveLength(1);
    expect((await runScheduledJobs(db, new Date("2026-01-03T00:00:00Z"))).opened).toBe(0);
    await runScheduledJobs(db, new Date("2026-03-01T00:00:00Z"));
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("paused");
    const [pausedEvent] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, seg.id), sql`${auditEvents.reason} LIKE 're-certification overdue%'`));
    expect(pausedEvent?.actorLabel).toBe("system");
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marketer.id), eq(notifications.kind, "auto_pause")));
    expect(note?.title).toMatch(/was paused/);
    const unread = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, marketer.id), isNull(notifications.readAt)));
    expect(await callerFor(db, marketer).notifications.unreadCount()).toBe(unread.length);
    await callerFor(db, marketer).notifications.markRead({});
    expect(await callerFor(db, marketer).notifications.unreadCount()).toBe(0);
  });

  it("withdraw and comment", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).reviews.comment({ requestId: r.id, body: "Why 90 days?" });
    expect((await callerFor(db, marketer).reviews.byId({ requestId: r.id })).comments.map((c) => c.body)).toEqual(["Why 90 days?"]);
    expect((await errorOf(callerFor(db, po1).reviews.withdraw({ requestId: r.id }))).code).toBe("FORBIDDEN");
    expect(await callerFor(db, marketer).reviews.withdraw({ requestId: r.id })).toEqual({ status: "withdrawn" });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
  });

  it("retiring a segment withdraws its open requests, each audited, and tells the requester", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).lifecycle.retire({ segmentId: seg.id, reason: "Campaign cancelled" });
    const [req] = await db.select().from(reviewRequests).where(eq(reviewRequests.id, r.id));
    expect(req?.status).toBe("withdrawn");
    const [closed] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, r.id), eq(auditEvents.action, "review.closed")));
    expect(closed?.after).toEqual({ status: "withdrawn" });
    expect(closed?.reason).toMatch(/retired/);
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marketer.id), eq(notifications.link, `/catalog/segments/${seg.id}`)));
    expect(notes.map((n) => n.title)).toContain(`Your request about “${req?.subjectLabel}” was withdrawn`);
  });

  it("a request long past its due date expires, and its requester is told", async () => {
    const db = getDb();
    const { seg } = await documentedSegment(marketer);
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const [open] = await db.select().from(reviewRequests).where(eq(reviewRequests.id, r.id));
    // Other tests' requests share the database: the run expires exactly the ones it moved to "expired".
    const expiredCount = async () => (await db.select({ id: reviewRequests.id }).from(reviewRequests).where(eq(reviewRequests.status, "expired"))).length;
    const expiredBefore = await expiredCount();
    const result = await runScheduledJobs(db, new Date(open!.dueAt.getTime() + 31 * 86_400_000));
    expect(result.expired).toBe((await expiredCount()) - expiredBefore);
    const [req] = await db.select().from(reviewRequests).where(eq(reviewRequests.id, r.id));
    expect(req?.status).toBe("expired");
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, marketer.id), eq(notifications.link, `/catalog/segments/${seg.id}`)));
    expect(notes.map((n) => n.title)).toContain(`Your request about “${req?.subjectLabel}” expired`);
  });
});
