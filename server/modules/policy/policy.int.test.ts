import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, segments, signals } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, ref, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import { findingsOf } from "./findings.service";

const documented = async (db: Parameters<typeof purposeId>[0], extra: Record<string, unknown> = {}) => ({
  purposeStatement: "Thank loyal customers with early access to the sale.",
  rationale: { assumptions: "Buyers respond to early access", limitations: "Excludes guests", expectedOutcomes: "+3% repeat rate" },
  refreshCadence: "daily",
  lookbackDays: 90,
  minCohortSize: 100,
  channels: ["email"],
  declaredPurposeIds: [await purposeId(db, "marketing.email")],
  ...extra,
});

describeEachDb("consent policy in the catalog", (getDb) => {
  let steward: SessionUser;
  let officer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    officer = await makeUser(getDb(), ["privacy_officer"]);
    sourceId = (await makeSource(getDb(), steward, { jurisdictions: ["US"] })).id;
  });

  async function chain() {
    const db = getDb();
    const s = callerFor(db, steward);
    const signal = await makeSignal(db, steward, sourceId, { name: `Orders ${Math.random().toString(36).slice(2, 6)}` });
    const a = await s.segments.create(segmentInput(group(cond(signal.id)), { ...(await documented(db)), name: "A buyers" }));
    const b = await s.segments.create(segmentInput(group(ref(a.id)), { ...(await documented(db)), name: "B repeaters" }));
    const c = await s.segments.create(segmentInput(group(ref(b.id)), { ...(await documented(db)), name: "C loyal" }));
    return { signal, a, b, c };
  }

  it("stores findings when a segment is saved, and a clean documented segment has none", async () => {
    const { a, c } = await chain();
    const view = await callerFor(getDb(), steward).segments.byId({ id: c.id });
    expect(view.findings).toEqual([]);
    const sms = await callerFor(getDb(), steward).segments.update({
      ...segmentInput(group(cond((await getDb().select().from(signals).limit(1))[0]!.id)), { ...(await documented(getDb(), { channels: ["email", "sms"] })) }),
      id: a.id,
      baseVersion: 1,
    });
    const findings = await findingsOf(getDb(), a.id, sms.version);
    expect(findings.map((f) => f.policyKey).sort()).toEqual(["channel_needs_opt_in", "missing_frequency_cap"]);
    expect(findings.find((f) => f.policyKey === "channel_needs_opt_in")).toMatchObject({ severity: "block", channels: ["sms"] });
  });

  it("previews, then propagates a consent change through two levels of parents in one transaction", async () => {
    const db = getDb();
    const { signal, a, b, c } = await chain();
    await db.update(segments).set({ status: "active" }).where(eq(segments.id, c.id));
    const analytics = await purposeId(db, "analytics");
    const withoutEmail = [{ purposeId: analytics, lawfulBasis: "consent" as const }];

    const preview = await callerFor(db, officer).signals.previewConsentChange({ id: signal.id, consents: withoutEmail });
    expect(preview.map((p) => p.name)).toEqual(["A buyers", "B repeaters", "C loyal"]);
    expect(preview[2]!.added.map((f) => f.title)).toContain("Not collected for email marketing");
    expect(preview[2]!.cleared).toEqual([]);
    // A preview writes nothing.
    expect((await callerFor(db, officer).segments.byId({ id: c.id })).findings).toEqual([]);

    const result = await callerFor(db, officer).signals.updateConsents({ id: signal.id, consents: withoutEmail, reason: "Email consent was never captured at checkout" });
    expect(result.reevaluated).toBe(3);
    expect(result.flagged).toEqual([c.id]);
    const cView = await callerFor(db, steward).segments.byId({ id: c.id });
    const purpose = cView.findings.find((f) => f.policyKey === "purpose_not_consented")!;
    expect(purpose.severity).toBe("block");
    expect(purpose.message).toContain("(through “B repeaters” → “A buyers”)");
    expect(purpose.remedy).toMatch(/Remove that signal/);
    expect(cView.consentChangedUpstream).toBe(true);
    for (const id of [a.id, b.id]) expect((await callerFor(db, steward).segments.byId({ id })).findings.length).toBeGreaterThan(0);
    const [flagEvent] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, c.id), eq(auditEvents.action, "segment.consent_changed_upstream")));
    expect(flagEvent?.reason).toMatch(/consent provenance of signal/);
    const blocked = await callerFor(db, steward).segments.list({ findings: "blocked", pageSize: 100 });
    expect(blocked.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  });

  it("the what-if says which findings a consent change adds, clears and leaves, matched by check and subject", async () => {
    const db = getDb();
    const s = callerFor(db, steward);
    const noEmail: Array<[string, "consent"]> = [["analytics", "consent"]];
    const x = await makeSignal(db, steward, sourceId, { name: "Basket X", consents: noEmail });
    const y = await makeSignal(db, steward, sourceId, { name: "Basket Y", consents: noEmail });
    const seg = await s.segments.create(segmentInput(group(cond(x.id), cond(y.id)), { ...(await documented(db)), name: "Two baskets" }));
    const withEmail = [
      { purposeId: await purposeId(db, "analytics"), lawfulBasis: "consent" as const },
      { purposeId: await purposeId(db, "marketing.email"), lawfulBasis: "consent" as const },
    ];
    const titles = (fs: Array<{ title: string }>) => fs.map((f) => f.title);

    // Email for X only: both email findings stay (now blaming Y alone); nothing is new.
    const [one] = await callerFor(db, officer).signals.previewConsentChange({ id: x.id, consents: withEmail });
    expect(one).toMatchObject({ segmentId: seg.id, added: [], cleared: [], tools: [] });
    expect(one!.unchanged.map((u) => [u.title, u.noLongerBlames, u.nowBlames])).toEqual([
      ["Not collected for email marketing", ["Basket X"], []],
      ["Email needs opt-in", ["Basket X"], []],
    ]);

    // With X consented, email for Y clears both.
    await callerFor(db, officer).signals.updateConsents({ id: x.id, consents: withEmail });
    const [both] = await callerFor(db, officer).signals.previewConsentChange({ id: y.id, consents: withEmail });
    expect(both).toMatchObject({ added: [], unchanged: [] });
    expect(titles(both!.cleared)).toEqual(["Not collected for email marketing", "Email needs opt-in"]);

    // Taking email away from X again adds nothing: the findings Y already has now blame X as well.
    const [back] = await callerFor(db, officer).signals.previewConsentChange({ id: x.id, consents: [withEmail[0]!] });
    expect(back).toMatchObject({ cleared: [] });
    expect(back!.unchanged.map((u) => [u.title, u.nowBlames])).toEqual([
      ["Not collected for email marketing", ["Basket X"]],
      ["Email needs opt-in", ["Basket X"]],
    ]);
  });

  it("rolls back both the consent change and the re-evaluation when the re-evaluation fails", async () => {
    const db = getDb();
    const { signal, c } = await chain();
    const [before] = await db.select().from(signals).where(eq(signals.id, signal.id));
    const eventsBefore = (await db.select().from(auditEvents)).length;
    await db.execute(sql`CREATE OR REPLACE FUNCTION test_fail_findings() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await db.execute(sql`CREATE TRIGGER test_fail_findings BEFORE INSERT ON segment_findings FOR EACH ROW EXECUTE FUNCTION test_fail_findings()`);
    try {
      const err = await errorOf(callerFor(db, officer).signals.updateConsents({ id: signal.id, consents: [] }));
      expect(err.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await db.execute(sql`DROP TRIGGER test_fail_findings ON segment_findings`);
    }
    const view = await callerFor(db, steward).signals.byId({ id: signal.id });
    expect(view.consents.map((x) => x.purposeKey)).toEqual(["marketing.email"]);
    const [after] = await db.select().from(signals).where(eq(signals.id, signal.id));
    expect(after!.consentChangedAt).toEqual(before!.consentChangedAt);
    expect((await callerFor(db, steward).segments.byId({ id: c.id })).findings).toEqual([]);
    expect((await db.select().from(auditEvents)).length).toBe(eventsBefore);
  });

  it("an exception covers one blocking finding until it expires, and is audited", async () => {
    const db = getDb();
    const { signal, a } = await chain();
    await callerFor(db, officer).signals.updateConsents({ id: signal.id, consents: [] });
    const findings = (await callerFor(db, steward).segments.byId({ id: a.id })).findings.filter((f) => f.severity === "block");
    expect(findings.length).toBe(2);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const past = await errorOf(
      callerFor(db, officer).policy.grantException({ findingId: findings[0]!.id, justification: "Legal approved a one-off", expiresAt: new Date(Date.now() - 1000) }),
    );
    expect(past.message).toMatch(/must be in the future/);
    const marketer = await makeUser(db, ["marketer"]);
    expect((await errorOf(callerFor(db, marketer).policy.grantException({ findingId: findings[0]!.id, justification: "I would like to", expiresAt: inAWeek }))).code).toBe("FORBIDDEN");
    const countsOf = async () => (await callerFor(db, marketer).policy.findingCounts()).find((r) => r.policyKey === "purpose_not_consented");
    const before = await countsOf();
    for (const f of findings) {
      await callerFor(db, officer).policy.grantException({ findingId: f.id, justification: "Consent re-collection under way; legal signed off.", expiresAt: inAWeek });
    }
    const covered = await callerFor(db, steward).segments.byId({ id: a.id });
    // The dashboard's counts move the segment from blocked to waived, as the blocked filter does.
    const after = await countsOf();
    expect(after!.blocked).toBe(before!.blocked - 1);
    expect(after!.waived).toBe(before!.waived + 1);
    expect(covered.findings.filter((f) => f.severity === "block").every((f) => f.exception?.justification)).toBe(true);
    const blocked = await callerFor(db, steward).segments.list({ findings: "blocked", pageSize: 100 });
    expect(blocked.items.map((i) => i.id)).not.toContain(a.id);
    // Eight days later the exceptions no longer count.
    const later = await findingsOf(db, a.id, covered.version, new Date(Date.now() + 8 * 86_400_000));
    expect(later.filter((f) => f.severity === "block" && !f.exception)).toHaveLength(2);
    const active = await callerFor(db, officer).policy.exceptions({ status: "active", segmentId: a.id });
    expect(active).toHaveLength(2);
    await callerFor(db, officer).policy.revokeException({ id: active[0]!.id, reason: "Consent collected after all" });
    expect(await callerFor(db, officer).policy.exceptions({ status: "revoked", segmentId: a.id })).toHaveLength(1);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, a.id), sql`${auditEvents.action} LIKE 'exception.%'`));
    expect(events.map((e) => e.action).sort()).toEqual(["exception.granted", "exception.granted", "exception.revoked"]);
  });

  it("a policy change is versioned, audited and re-evaluates every segment", async () => {
    const db = getDb();
    const { a } = await chain();
    await callerFor(db, steward).segments.update({
      ...segmentInput(group(...(await callerFor(db, steward).segments.byId({ id: a.id })).data.definition.children), { ...(await documented(db, { minCohortSize: 60 })) }),
      id: a.id,
      baseVersion: 1,
    });
    expect((await callerFor(db, steward).segments.byId({ id: a.id })).findings).toEqual([]);
    const { reason: _r, ...settings } = { ...DEFAULT_POLICY_SETTINGS, reason: "" };
    const res = await callerFor(db, officer).policy.update({ ...settings, minCohortSize: 75, reason: "Regulator guidance raised the bar" });
    // Every segment that is not retired, counted here from the table.
    const [live] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(segments)
      .where(sql`${segments.status} <> 'retired'`);
    expect(res.reevaluated).toBe(live!.n);
    const after = await callerFor(db, steward).segments.byId({ id: a.id });
    expect(after.findings.map((f) => f.policyKey)).toEqual(["cohort_below_minimum"]);
    expect(after.findings[0]!.policyVersion).toBe(res.version);
    const current = await callerFor(db, steward).policy.current();
    expect(current).toMatchObject({ version: res.version, settings: { minCohortSize: 75 } });
    const bad = await errorOf(callerFor(db, officer).policy.update({ ...settings, channelPurposes: { sms: "marketing.nope" }, reason: "typo test" }));
    expect(bad.message).toMatch(/unknown purpose “marketing.nope”/);
    expect((await errorOf(callerFor(db, steward).policy.update({ ...settings, reason: "not mine" }))).code).toBe("FORBIDDEN");
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "policy.updated"));
    expect(event).toMatchObject({ reason: "Regulator guidance raised the bar", entityId: String(res.version) });
  });
});
