import { and, count, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, dataSources, reviewRequests, signalConsents } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, errorOf, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import type { SessionUser } from "@/server/auth/identity";

const JUST = "Needed for the spring loyalty campaign.";

/** Data use, new source, algorithm change and channel rule requests, through the router as the forms send them. */
describeEachDb("review proposals", (getDb) => {
  let steward: SessionUser, po: SessionUser, marketer: SessionUser, auditor: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    po = await makeUser(db, ["privacy_officer"]);
    marketer = await makeUser(db, ["marketer"]);
    auditor = await makeUser(db, ["auditor"]);
    sourceId = (await makeSource(db, steward)).id;
  });

  /** Every approval the request still needs, each from someone who may give it. */
  async function approveFully(requestId: string) {
    const db = getDb();
    for (const who of [steward, po]) {
      const view = await callerFor(db, who).reviews.byId({ requestId });
      if (view.canDecide) await callerFor(db, who).reviews.decide({ requestId, decision: "approve" });
    }
    return (await callerFor(db, marketer).reviews.byId({ requestId })).status;
  }

  async function openedAudit(requestId: string) {
    const [e] = await getDb().select().from(auditEvents).where(eq(auditEvents.entityId, requestId));
    return e!;
  }

  it("a data-use request on a signal is pinned to the signal as it stood and compared with its purposes", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { consents: [["marketing.email", "consent"]] });
    const { id } = await callerFor(db, marketer).reviews.request({
      type: "data_use",
      subjectType: "signal",
      subjectId: sig.id,
      justification: JUST,
      payload: { purposeKeys: ["analytics", "marketing.email"], channels: ["email"], description: "Measure reach of the loyalty mails." },
    });
    // Renaming the signal afterwards does not change what the request is about.
    const asked = await callerFor(db, steward).signals.byId({ id: sig.id });
    await callerFor(db, steward).signals.update({ ...asked, name: "Renamed" } as never);
    expect((await callerFor(db, steward).signals.byId({ id: sig.id })).name).toBe("Renamed");
    const view = await callerFor(db, steward).reviews.byId({ requestId: id });
    expect(view).toMatchObject({ type: "data_use", subjectType: "signal", subjectId: sig.id, subjectLabel: asked.name });
    expect(view.subjectSnapshot).toMatchObject({ name: asked.name, inForce: { purposeKeys: ["marketing.email"] } });
    const rows = Object.fromEntries(view.proposal!.rows.map((r) => [r.field, r]));
    expect(rows.purposes!.inForce).toBe("Email marketing");
    expect(rows.newPurposes!.proposed).not.toContain("Email marketing");
    expect((await openedAudit(id)).after).toMatchObject({ type: "data_use", payload: { type: "data_use", purposeKeys: ["analytics", "marketing.email"] } });

    expect(await approveFully(id)).toBe("approved");
    // Approval records the decision; the signal's consents are changed through their own form.
    expect(await db.select().from(signalConsents).where(eq(signalConsents.signalId, sig.id))).toHaveLength(1);
    // A retired signal has no new uses.
    await callerFor(db, steward).signals.retire({ id: sig.id, reason: "Replaced by a better feed" });
    const retired = await errorOf(
      callerFor(db, marketer).reviews.request({
        type: "data_use",
        subjectType: "signal",
        subjectId: sig.id,
        justification: JUST,
        payload: { purposeKeys: ["analytics"], channels: [], description: "Another use of it." },
      }),
    );
    expect(retired.message).toMatch(/retired; restore it/);
  });

  it("a data-use request on a source compares with every purpose its signals were collected for", async () => {
    const db = getDb();
    const src = await makeSource(db, steward);
    await makeSignal(db, steward, src.id, { consents: [["analytics", "legitimate_interest"]] });
    await makeSignal(db, steward, src.id, { consents: [["marketing.email", "consent"]] });
    const { id } = await callerFor(db, marketer).reviews.request({
      type: "data_use",
      subjectType: "data_source",
      subjectId: src.id,
      justification: JUST,
      payload: { purposeKeys: ["advertising.cross_context"], channels: [], description: "Lookalike audiences on paid social." },
    });
    const view = await callerFor(db, steward).reviews.byId({ requestId: id });
    expect(view.subjectSnapshot).toMatchObject({ id: src.id, inForce: { purposeKeys: ["analytics", "marketing.email"] } });
    const bad = await errorOf(
      callerFor(db, marketer).reviews.request({
        type: "data_use",
        subjectType: "data_source",
        subjectId: src.id,
        justification: JUST,
        payload: { purposeKeys: ["nope"], channels: [], description: "Something entirely new." },
      }),
    );
    expect(bad.message).toBe("No purpose in use has the key “nope”.");
  });

  it("a new source has no catalog row: a steward and a privacy officer approve, and nothing is registered by it", async () => {
    const db = getDb();
    const [{ n: before }] = (await db.select({ n: count() }).from(dataSources)) as [{ n: number }];
    const payload = {
      name: "Loyalty app",
      systemType: "mobile_app" as const,
      collects: "Points balance and store visits.",
      jurisdictions: ["EU" as const],
      lawfulBasis: "consent" as const,
      consent: "Opt-in at sign-up.",
    };
    const { id } = await callerFor(db, marketer).reviews.request({ type: "new_source", justification: JUST, payload });
    const view = await callerFor(db, steward).reviews.byId({ requestId: id });
    expect(view).toMatchObject({ subjectType: "proposed_source", subjectId: null, subjectLabel: "Loyalty app", sensitivity: "confidential" });
    expect(view.required).toEqual([
      { role: "steward", count: 1 },
      { role: "privacy_officer", count: 1 },
    ]);
    expect(await approveFully(id)).toBe("approved");
    const [{ n: after }] = (await db.select({ n: count() }).from(dataSources)) as [{ n: number }];
    expect(after).toBe(before);
    // A strict payload: a key the type does not define is refused, naming it.
    const extra = await errorOf(callerFor(db, marketer).reviews.request({ type: "new_source", justification: JUST, payload: { ...payload, owner: "x" } } as never));
    expect(extra.code).toBe("BAD_REQUEST");
    expect((await callerFor(db, steward).reviews.byId({ requestId: id })).registeredSource).toBeNull();
  });

  it("a steward registers the source from the approved request, once; the request then names it", async () => {
    const db = getDb();
    const payload = {
      name: "Store kiosk",
      systemType: "point_of_sale" as const,
      collects: "Loyalty card scans at the till.",
      jurisdictions: ["EU" as const],
      lawfulBasis: "contract" as const,
      consent: "",
    };
    const source = (key: string, fromRequestId: string) => ({
      key,
      name: "Store kiosk",
      description: payload.collects,
      systemType: payload.systemType,
      owner: "Retail ops",
      jurisdictions: payload.jurisdictions,
      retentionDays: 365,
      encryptedInTransit: true,
      encryptedAtRest: true,
      pseudonymised: false,
      consentCapturePoints: [],
      consentCaptureNotes: "",
      fromRequestId,
    });
    const { id } = await callerFor(db, marketer).reviews.request({ type: "new_source", justification: JUST, payload });
    // Not before it is approved.
    const early = await errorOf(callerFor(db, steward).sources.create(source("store_kiosk_early", id)));
    expect(early).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("not approved") });
    expect(await approveFully(id)).toBe("approved");
    const created = await callerFor(db, steward).sources.create(source("store_kiosk", id));
    expect((await callerFor(db, steward).reviews.byId({ requestId: id })).registeredSource).toEqual({ id: created.id, name: "Store kiosk" });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "source.created"), eq(auditEvents.entityId, created.id)));
    expect(event!.after).toMatchObject({ fromRequestId: id });
    // Only once.
    const twice = await errorOf(callerFor(db, steward).sources.create(source("store_kiosk_2", id)));
    expect(twice).toMatchObject({ code: "CONFLICT", message: "A source was already registered from this request: “Store kiosk”." });
  });

  it("an algorithm change is pinned to the segment version, leaves the segment's status alone, and goes stale with a new version", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement" });
    const seg = await callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
    const submitted = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
    const change = {
      type: "algorithm_change" as const,
      segmentId: seg.id,
      justification: JUST,
      payload: { change: "Score with the v2 propensity model instead of the rule.", expectedEffect: "" },
    };
    const { id } = await callerFor(db, marketer).reviews.request(change);
    const view = await callerFor(db, steward).reviews.byId({ requestId: id });
    expect(view).toMatchObject({ subjectType: "segment", subjectId: seg.id, subjectVersion: 1 });
    expect(view.proposal!.rows[0]!.inForce).toMatch(/^Definition: /);
    // Rejecting it does not send the segment's own approval back to draft.
    await callerFor(db, steward).reviews.decide({ requestId: id, decision: "reject", comment: "Not now" });
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("in_review");
    await callerFor(db, marketer).reviews.withdraw({ requestId: submitted.id });

    const again = await callerFor(db, marketer).reviews.request(change);
    const current = (await callerFor(db, marketer).segments.byId({ id: seg.id })).data;
    await callerFor(db, marketer).segments.update({ ...current, id: seg.id, baseVersion: 1, definition: group(cond(sig.id, 5)) } as never);
    const stale = await errorOf(callerFor(db, steward).reviews.decide({ requestId: again.id, decision: "approve" }));
    expect(stale.message).toMatch(/version 2 is now the latest/);
    // Approving an up-to-date one records the decision and nothing else.
    const fresh = await callerFor(db, marketer).reviews.request(change);
    expect(await approveFully(fresh.id)).toBe("approved");
    expect((await callerFor(db, marketer).segments.byId({ id: seg.id })).status).toBe("draft");
  });

  it("a channel rule is pinned to the policy version in force and goes stale when the policy changes", async () => {
    const db = getDb();
    const rule = { type: "channel_rule" as const, justification: JUST, payload: { channel: "email" as const, rule: { kind: "min_cohort" as const, size: 500 } } };
    const { version } = await callerFor(db, po).policy.current();
    const first = await callerFor(db, marketer).reviews.request(rule);
    const view = await callerFor(db, steward).reviews.byId({ requestId: first.id });
    expect(view).toMatchObject({ subjectType: "policy", subjectId: null, subjectVersion: version, subjectLabel: "Email: minimum cohort size" });
    expect(view.proposal!.rows).toEqual([expect.objectContaining({ proposed: "500", inForce: expect.stringMatching(/the policy minimum/) })]);
    expect(await approveFully(first.id)).toBe("approved");

    const second = await callerFor(db, marketer).reviews.request(rule);
    await callerFor(db, po).policy.update({ ...DEFAULT_POLICY_SETTINGS, minCohortSize: 75, reason: "Regulator guidance" });
    const stale = await errorOf(callerFor(db, steward).reviews.decide({ requestId: second.id, decision: "approve" }));
    expect(stale.message).toMatch(new RegExp(`version ${version + 1} is in force`));
    expect((await callerFor(db, steward).reviews.byId({ requestId: second.id })).proposal!.currentVersion).toBe(version + 1);
  });

  it("only roles holding review:request may start one", async () => {
    const db = getDb();
    const denied = await errorOf(
      callerFor(db, auditor).reviews.request({ type: "channel_rule", justification: JUST, payload: { channel: "sms", rule: { kind: "frequency_cap", count: 1, perDays: 7 } } }),
    );
    expect(denied.code).toBe("FORBIDDEN");
    expect(await db.select().from(reviewRequests).where(eq(reviewRequests.requesterId, auditor.id))).toEqual([]);
  });
});
