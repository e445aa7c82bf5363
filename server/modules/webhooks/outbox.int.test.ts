import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, segments, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { SYSTEM_ACTOR } from "@/server/audit/record";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { setSegmentStatus } from "@/server/modules/reviews/lifecycle";
import { pauseOverdue } from "@/server/modules/jobs/recertification";
import { exceptionExpiryJob } from "@/server/modules/jobs/jobs";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import { segmentEventPayload } from "./schemas";

const JUST = "Needed for the spring loyalty campaign.";
const DAY = 86_400_000;

describeEachDb("webhook outbox: events written with their change", (getDb) => {
  let admin: SessionUser, steward: SessionUser, marketer: SessionUser, po: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    admin = await makeUser(db, ["admin"]);
    steward = await makeUser(db, ["steward"]);
    marketer = await makeUser(db, ["marketer"]);
    po = await makeUser(db, ["privacy_officer"]);
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });

  async function activeSegment() {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    const seg = await callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    return { seg, sig };
  }

  /** The events queued for one segment, oldest first, once each (an event has a row per endpoint), parsed with the published schema. */
  async function eventsOf(segmentId: string) {
    const rows = await getDb()
      .select({ body: webhookDeliveries.body })
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.body}::jsonb -> 'data' -> 'segment' ->> 'id' = ${segmentId}`)
      .orderBy(webhookDeliveries.createdAt, webhookDeliveries.id);
    const events = rows.map((r) => segmentEventPayload.parse(JSON.parse(r.body)));
    return events.filter((e, i) => events.findIndex((o) => o.id === e.id) === i);
  }

  it("writes nothing while no endpoint subscribes", async () => {
    const { seg } = await activeSegment();
    expect(await eventsOf(seg.id)).toEqual([]);
  });

  it("queues activated, paused and retired events with the segment, version and reasons", async () => {
    const db = getDb();
    await callerFor(db, admin).webhooks.setAllowPrivate({ allow: true });
    await callerFor(db, admin).webhooks.create({ url: "http://127.0.0.1:9/hook", events: ["segment.activated", "segment.paused", "segment.retired", "segment.blocked"] });
    const { seg } = await activeSegment();
    await callerFor(db, steward).lifecycle.pause({ segmentId: seg.id, reason: "Campaign on hold" });
    await callerFor(db, po).lifecycle.retire({ segmentId: seg.id, reason: "Campaign over" });
    const events = await eventsOf(seg.id);
    const [row] = await db.select({ key: segments.key, name: segments.name }).from(segments).where(eq(segments.id, seg.id));
    expect(events.map((e) => e.type)).toEqual(["segment.activated", "segment.paused", "segment.retired"]);
    expect(events[0]!.data).toEqual({ segment: { id: seg.id, key: row!.key, name: row!.name }, version: 1, status: "active", reasons: [] });
    expect(events[1]!.data.reasons).toEqual([{ code: "segment_not_active", message: "The segment was paused: Campaign on hold" }]);
    expect(events[2]!.data.status).toBe("retired");
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it("sends only the events an endpoint subscribed to, and nothing to a disabled endpoint", async () => {
    const db = getDb();
    const [only] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints);
    await callerFor(db, admin).webhooks.setEnabled({ id: only!.id, enabled: false });
    const paused = await callerFor(db, admin).webhooks.create({ url: "http://127.0.0.1:9/paused-only", events: ["segment.paused"] });
    const { seg } = await activeSegment();
    await callerFor(db, steward).lifecycle.pause({ segmentId: seg.id, reason: "On hold" });
    const rows = await db
      .select({ endpointId: webhookDeliveries.endpointId, type: webhookDeliveries.eventType })
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.body}::jsonb -> 'data' -> 'segment' ->> 'id' = ${seg.id}`);
    expect(rows).toEqual([{ endpointId: paused.id, type: "segment.paused" }]);
    await callerFor(db, admin).webhooks.setEnabled({ id: only!.id, enabled: true });
  });

  it("rolls the event back with its change when the transaction fails after the write", async () => {
    const db = getDb();
    const { seg } = await activeSegment();
    const [row] = await db.select().from(segments).where(eq(segments.id, seg.id));
    const failure = new Error("forced failure after the outbox write");
    let seenInside = 0;
    await expect(
      inTransaction(db, async (tx) => {
        await setSegmentStatus(tx, SYSTEM_ACTOR, row!, "paused", "about to fail");
        seenInside = (
          await tx
            .select()
            .from(webhookDeliveries)
            .where(sql`${webhookDeliveries.body}::jsonb -> 'data' -> 'segment' ->> 'id' = ${seg.id} AND ${webhookDeliveries.eventType} = 'segment.paused'`)
        ).length;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seenInside).toBeGreaterThan(0);
    expect((await eventsOf(seg.id)).map((e) => e.type)).toEqual(["segment.activated"]);
    expect((await db.select({ status: segments.status }).from(segments).where(eq(segments.id, seg.id)))[0]!.status).toBe("active");
  });

  it("the scheduler's automatic pause says re-certification is overdue", async () => {
    const db = getDb();
    const { seg } = await activeSegment();
    await db.update(segments).set({ recertifyBy: "2026-01-01" }).where(eq(segments.id, seg.id));
    await inTransaction(db, (tx) => pauseOverdue(tx, SYSTEM_ACTOR, new Date("2026-03-01T00:00:00Z"), 7));
    const last = (await eventsOf(seg.id)).at(-1)!;
    expect(last.type).toBe("segment.paused");
    expect(last.data.reasons[0]!.code).toBe("recertification_overdue");
    expect(last.data.reasons[0]!.message).toMatch(/re-certification overdue since 1 Jan 2026/);
  });

  it("a consent withdrawal upstream of an active segment queues segment.blocked", async () => {
    const db = getDb();
    const { seg, sig } = await activeSegment();
    await callerFor(db, po).signals.updateConsents({ id: sig.id, consents: [], reason: "Email consent was never captured" });
    const last = (await eventsOf(seg.id)).at(-1)!;
    expect(last.type).toBe("segment.blocked");
    expect(last.data.status).toBe("active");
    expect(last.data.reasons.map((r) => r.code)).toContain("consent_changed_upstream");
    expect(last.data.reasons.map((r) => r.code)).toContain("blocking_finding");
  });

  /** An active segment let through by exceptions for its blocking findings (consent never captured). */
  async function activeByException() {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Opens ${Math.random().toString(36).slice(2, 6)}` });
    const seg = await callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
    await callerFor(db, po).signals.updateConsents({ id: sig.id, consents: [], reason: "Never captured" });
    const blocking = (await callerFor(db, po).segments.byId({ id: seg.id })).findings.filter((f) => f.severity === "block");
    expect(blocking.length).toBeGreaterThan(0);
    for (const f of blocking)
      await callerFor(db, po).policy.grantException({ findingId: f.id, justification: "Consent backfill signed off by legal.", expiresAt: new Date(Date.now() + DAY * 30) });
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    // Findings excepted make the review need a privacy officer besides the steward.
    const first = await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    if (first.status !== "approved") await callerFor(db, po).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    expect((await eventsOf(seg.id)).map((e) => e.type)).toEqual(["segment.activated"]);
    return seg;
  }

  it("revoking the exception that let an active segment through queues segment.blocked", async () => {
    const db = getDb();
    const seg = await activeByException();
    const [exc] = await callerFor(db, po).policy.exceptions({ segmentId: seg.id });
    await callerFor(db, po).policy.revokeException({ id: exc!.id, reason: "Backfill cancelled" });
    const last = (await eventsOf(seg.id)).at(-1)!;
    expect(last.type).toBe("segment.blocked");
    expect(last.data.reasons).toHaveLength(1);
    expect(last.data.reasons[0]!.code).toBe("blocking_finding");
    expect(last.data.reasons[0]!.message).toMatch(/Its exception was revoked: Backfill cancelled$/);
  });

  it("the exception-expiry job announces a lapsed exception once: an audit event, and segment.blocked", async () => {
    const db = getDb();
    const seg = await activeByException();
    const lapsed = new Date(Date.now() + DAY * 31);
    const first = await exceptionExpiryJob.run(db, lapsed);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const events = await eventsOf(seg.id);
    expect(events.map((e) => e.type)).toEqual(["segment.activated", "segment.blocked"]);
    // One event for the segment, naming every finding its lapsed exceptions had covered.
    expect(events[1]!.data.reasons.length).toBeGreaterThan(0);
    expect(events[1]!.data.reasons.every((r) => r.code === "blocking_finding")).toBe(true);
    expect(events[1]!.data.reasons[0]!.message).toMatch(/Its exception expired on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC\.$/);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, seg.id), eq(auditEvents.action, "exception.expired")));
    const granted = await callerFor(db, po).policy.exceptions({ segmentId: seg.id, status: "all" });
    expect(audits).toHaveLength(granted.length);
    expect(audits[0]!.actorLabel).toBe("system");
    // Claimed once: a second run, or one beside it, tells nobody again.
    const again = await Promise.all([exceptionExpiryJob.run(db, lapsed), exceptionExpiryJob.run(db, lapsed)]);
    expect(again.map((r) => r.expired)).toEqual([0, 0]);
    expect(await eventsOf(seg.id)).toHaveLength(2);
  });

  it("an exception that lapses on a segment no longer active is audited but tells no tool", async () => {
    const db = getDb();
    const seg = await activeByException();
    await callerFor(db, marketer).lifecycle.pause({ segmentId: seg.id, reason: "Campaign over" });
    await exceptionExpiryJob.run(db, new Date(Date.now() + DAY * 31));
    expect((await eventsOf(seg.id)).map((e) => e.type)).toEqual(["segment.activated", "segment.paused"]);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, seg.id), eq(auditEvents.action, "exception.expired")));
    expect(audits.length).toBeGreaterThan(0);
  });

  // Last: it changes the policy every segment in this database is evaluated under.
  it("a policy change that makes an active segment's finding blocking queues segment.blocked, once", async () => {
    const db = getDb();
    const { seg } = await activeSegment();
    const { reason: _r, ...settings } = { ...DEFAULT_POLICY_SETTINGS, reason: "" };
    const stricter = { ...settings, minCohortSize: 100_000, checks: { ...settings.checks, cohort_below_minimum: { enabled: true, severity: "block" as const } } };
    await callerFor(db, po).policy.update({ ...stricter, reason: "Regulator guidance raised the bar" });
    const last = (await eventsOf(seg.id)).at(-1)!;
    expect(last.type).toBe("segment.blocked");
    expect(last.data.reasons.map((r) => r.code)).toEqual(["blocking_finding"]);
    expect(last.data.reasons[0]!.message).toMatch(/It blocks under policy version \d+ \(Regulator guidance raised the bar\)\.$/);
    // Saving the same policy again blocks nothing new: no second event.
    await callerFor(db, po).policy.update({ ...stricter, reason: "Same bar, reworded" });
    expect((await eventsOf(seg.id)).filter((e) => e.type === "segment.blocked")).toHaveLength(1);
    await callerFor(db, po).policy.update({ ...settings, reason: "Back to the defaults" });
  });
});
