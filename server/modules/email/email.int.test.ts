import { inTransaction } from "@/server/db/transaction";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { auditEvents, emailOutbox } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import { startSmtpSink, type SmtpSink } from "@/server/testing/smtp-sink";
import type { SessionUser } from "@/server/auth/identity";
import { deliverDueEmails } from "./delivery";
import { enqueueEmail } from "./outbox";
import { reviewAwaitingEmail } from "./render";
import { MAX_ATTEMPTS } from "./retry";
import { smtpMailer } from "./transport";

// E-mail on for this file: the outbox is written only while it is. Delivery gets the sink's
// mailer explicitly (its port is known only once it listens).
vi.hoisted(() => {
  process.env.STEWARD_SMTP_URL = "smtp://127.0.0.1:25";
  process.env.STEWARD_MAIL_FROM = "Steward <steward@example.test>";
  process.env.NEXTAUTH_URL = "https://steward.example.test";
});

const BASE = "https://steward.example.test";
const JUST = "Needed for the spring loyalty campaign.";
const FROM = "Steward <steward@example.test>";

let sink: SmtpSink;
let mailer: ReturnType<typeof smtpMailer>;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = smtpMailer(sink.url);
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
});

describeEachDb("e-mail", (getDb) => {
  let steward: SessionUser, steward2: SessionUser, po1: SessionUser, po2: SessionUser, marketer: SessionUser;
  let sourceId: string;
  // Delivery runs at a clock of its own, always ahead, so every queued message is due.
  let clock = Date.now() + 60_000;
  const deliver = (at = (clock += 60 * 60_000)) => deliverDueEmails(getDb(), new Date(at), mailer, FROM);

  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    steward2 = await makeUser(db, ["steward"]);
    po1 = await makeUser(db, ["privacy_officer"]);
    po2 = await makeUser(db, ["privacy_officer"]);
    marketer = await makeUser(db, ["marketer"]);
    await makeUser(db, ["steward"], { disabled: true });
    sourceId = (await makeSource(db, steward, { jurisdictions: ["US"] })).id;
  });
  beforeEach(async () => {
    await deliver(); // nothing left over from the previous test
    sink.clear();
  });

  async function segmentOf(owner: SessionUser) {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: `Clicks ${Math.random().toString(36).slice(2, 6)}` });
    const name = `Engaged readers ${Math.random().toString(36).slice(2, 6)}`;
    const created = await callerFor(db, owner).segments.create(await submittableSegmentInput(db, sig.id, { name }));
    return { sig, seg: { id: created.id, name } };
  }

  it("a review request reaches the people who can decide it, once each, with a link to the review", async () => {
    const { seg } = await segmentOf(marketer);
    const req = await callerFor(getDb(), marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    expect(await deliver()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    // Two active stewards; not the disabled one, not the marketer who asked, not the privacy officers (not required here).
    expect(sink.received.flatMap((m) => m.to).sort()).toEqual([steward.email, steward2.email].sort());
    for (const m of sink.received) {
      expect(m.from).toBe("steward@example.test");
      expect(m.subject).toBe(`Review awaits you: ${seg.name}`);
      expect(m.body).toContain(`${BASE}/reviews/${req.id}`);
      expect(m.body).toContain(JUST);
      expect(m.body).toContain(`${BASE}/settings/notifications`);
    }
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // sent once only
  });

  it("the requester hears of the decision, with links to the review and the segment", async () => {
    const { seg } = await segmentOf(marketer);
    const req = await callerFor(getDb(), marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await deliver();
    sink.clear();
    await callerFor(getDb(), steward).reviews.decide({ requestId: req.id, decision: "reject", comment: "Too broad" });
    await deliver();
    expect(sink.received).toHaveLength(1);
    const [m] = sink.received;
    expect(m!.to).toEqual([marketer.email]);
    expect(m!.subject).toBe(`Segment approval rejected: ${seg.name}`);
    expect(m!.body).toContain(`${BASE}/reviews/${req.id}`);
    expect(m!.body).toContain(`${BASE}/catalog/segments/${seg.id}`);
    expect(m!.body).toContain("Too broad");
  });

  it("a person who turns a kind off gets none of it; the change is audited, and others still get theirs", async () => {
    const db = getDb();
    expect((await callerFor(db, steward2).email.preferences()).kinds.map((k) => [k.kind, k.enabled])).toEqual([
      ["review_awaiting", true],
      ["review_decided", true],
    ]);
    await callerFor(db, steward2).email.setPreference({ kind: "review_awaiting", enabled: false });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "email.preference_changed"), eq(auditEvents.entityId, steward2.id)));
    expect(event).toMatchObject({ actorId: steward2.id, before: { kind: "review_awaiting", enabled: true }, after: { kind: "review_awaiting", enabled: false } });
    expect((await callerFor(db, steward2).email.preferences()).kinds.find((k) => k.kind === "review_awaiting")?.enabled).toBe(false);

    const { seg } = await segmentOf(marketer);
    await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await deliver();
    expect(sink.received.flatMap((m) => m.to)).toEqual([steward.email]);

    // A kind a role never receives cannot be set.
    await expect(callerFor(db, marketer).email.setPreference({ kind: "consent_alert", enabled: false })).rejects.toThrow(/do not receive/);
    await callerFor(db, steward2).email.setPreference({ kind: "review_awaiting", enabled: true });
  });

  it("is queued in the caller's transaction: a change that rolls back sends nothing", async () => {
    const db = getDb();
    const render = (base: string) =>
      reviewAwaitingEmail(base, { requestId: "00000000-0000-4000-8000-000000000000", typeLabel: "Data use", subjectLabel: "Rolled back", justification: "", requestedBy: "x" });
    await expect(
      inTransaction(db, async (tx) => {
        expect(await enqueueEmail(tx, [steward.id], render)).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await inTransaction(db, (tx) => enqueueEmail(tx, [steward2.id], render));
    await deliver();
    expect(sink.received.map((m) => [m.to, m.subject])).toEqual([[[steward2.email], "Review awaits you: Rolled back"]]);
  });

  it("a consent change that blocks active segments alerts every privacy officer but the one who made it", async () => {
    const db = getDb();
    const { sig, seg } = await segmentOf(marketer);
    const r = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: r.id, decision: "approve" });
    await callerFor(db, marketer).lifecycle.activate({ segmentId: seg.id });
    await deliver();
    sink.clear();
    await callerFor(db, po1).signals.updateConsents({ id: sig.id, consents: [] });
    await deliver();
    const alerts = sink.received.filter((m) => m.subject.startsWith("Consent alert"));
    expect(alerts.map((m) => m.to).flat()).toEqual([po2.email]);
    expect(alerts[0]!.subject).toBe("Consent alert: 1 active segment blocked and sent for re-review");
    expect(alerts[0]!.body).toContain(`${BASE}/catalog/segments/${seg.id}`);
    expect(alerts[0]!.body).toContain(seg.name);
    // The re-review itself awaits the stewards (and the privacy officers if the findings require them).
    const awaiting = sink.received.filter((m) => m.subject === `Review awaits you: ${seg.name}`);
    expect(awaiting.flatMap((m) => m.to)).toEqual(expect.arrayContaining([steward.email, steward2.email]));
  });

  it("a relay that fails is retried with growing waits, and a message is marked failed after the last try", async () => {
    const db = getDb();
    const { seg } = await segmentOf(marketer);
    const req = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    await callerFor(db, steward).reviews.decide({ requestId: req.id, decision: "approve" });
    const t0 = (clock += 60 * 60_000);
    // Two awaiting e-mails and one decision: all three fail twice.
    sink.failNext(3);
    expect(await deliver(t0)).toEqual({ sent: 0, retrying: 3, failed: 0 });
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.status, "pending"));
    expect(rows.map((r) => [r.attempts, r.nextAttemptAt.getTime() - t0, r.lastError?.includes("451")])).toEqual(Array(3).fill([1, 60_000, true]));
    expect(await deliver(t0 + 30_000)).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet
    sink.failNext(3);
    expect(await deliver(t0 + 60_000)).toEqual({ sent: 0, retrying: 3, failed: 0 });
    expect(await deliver(t0 + 60_000 + 119_000)).toEqual({ sent: 0, retrying: 0, failed: 0 }); // the second wait is two minutes
    expect(await deliver(t0 + 60_000 + 120_000)).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(sink.received.map((m) => m.subject).sort()).toEqual([`Review awaits you: ${seg.name}`, `Review awaits you: ${seg.name}`, `Segment approval approved: ${seg.name}`].sort());

    // A relay that never recovers: after MAX_ATTEMPTS tries the message is failed, not retried for ever.
    await callerFor(db, marketer).reviews.submitSegment({ segmentId: (await segmentOf(marketer)).seg.id, justification: JUST });
    sink.failNext(1000);
    let t = (clock += 60 * 60_000);
    const totals = { sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const r = await deliver(t);
      totals.retrying += r.retrying;
      totals.failed += r.failed;
      t += 24 * 60 * 60_000;
    }
    sink.failNext(0);
    expect(totals).toEqual({ sent: 0, retrying: 2 * (MAX_ATTEMPTS - 1), failed: 2 });
    const failed = await db.select().from(emailOutbox).where(eq(emailOutbox.status, "failed"));
    expect(failed.map((f) => f.attempts)).toEqual([MAX_ATTEMPTS, MAX_ATTEMPTS]);
    clock = t;
  });
});
