import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, ref, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";

describeEachDb("catalog", (getDb) => {
  let steward: SessionUser;
  let marketer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    marketer = await makeUser(getDb(), ["marketer"]);
    sourceId = (await makeSource(getDb(), steward)).id;
  });

  it("derives sensitivity as the maximum over inputs, through two levels of parent segments", async () => {
    const db = getDb();
    const internal = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement" });
    const restricted = await makeSignal(db, steward, sourceId, { category: "user.financial.credit_card", name: "Card on file" });
    const m = callerFor(db, marketer);
    const grandparent = await m.segments.create(segmentInput(group(cond(restricted.id)), { name: "Card holders" }));
    const parent = await m.segments.create(segmentInput(group(ref(grandparent.id)), { name: "Card holder subset" }));
    const child = await m.segments.create(segmentInput(group(cond(internal.id), ref(parent.id, "exclude")), { name: "Engaged non-card" }));
    expect((await m.segments.byId({ id: child.id })).derivedSensitivity).toBe("restricted");

    const plain = await m.segments.create(segmentInput(group(cond(internal.id))));
    const plainView = await m.segments.byId({ id: plain.id });
    expect(plainView.derivedSensitivity).toBe("internal");

    // Raising is allowed, lowering below the derived value is not.
    const raised = await m.segments.update({ ...segmentInput(group(cond(internal.id)), { sensitivityOverride: "confidential" }), id: plain.id, baseVersion: 1 });
    expect((await m.segments.byId({ id: plain.id })).sensitivity).toBe("confidential");
    const lower = await errorOf(m.segments.update({ ...segmentInput(group(cond(restricted.id)), { sensitivityOverride: "internal" }), id: plain.id, baseVersion: raised.version }));
    expect(lower.code).toBe("BAD_REQUEST");
    expect((lower.cause as { field?: string }).field).toBe("sensitivityOverride");
  });

  it("re-derives segments downstream when a parent's sensitivity changes", async () => {
    const db = getDb();
    const low = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: "Email clicks" });
    const high = await makeSignal(db, steward, sourceId, { category: "user.location.precise", name: "Home location" });
    const s = callerFor(db, steward);
    const base = await s.segments.create(segmentInput(group(cond(low.id))));
    const mid = await s.segments.create(segmentInput(group(ref(base.id))));
    const top = await s.segments.create(segmentInput(group(ref(mid.id))));
    expect((await s.segments.byId({ id: top.id })).sensitivity).toBe("internal");
    await s.segments.update({ ...segmentInput(group(cond(low.id), cond(high.id))), id: base.id, baseVersion: 1 });
    expect((await s.segments.byId({ id: mid.id })).sensitivity).toBe("restricted");
    expect((await s.segments.byId({ id: top.id })).sensitivity).toBe("restricted");
  });

  it("refuses a cycle between segments with a clear error", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId);
    const s = callerFor(db, steward);
    const a = await s.segments.create(segmentInput(group(cond(sig.id)), { name: "Segment A" }));
    const b = await s.segments.create(segmentInput(group(ref(a.id)), { name: "Segment B" }));
    const c = await s.segments.create(segmentInput(group(ref(b.id)), { name: "Segment C" }));
    const cycle = await errorOf(s.segments.update({ ...segmentInput(group(cond(sig.id), ref(c.id, "exclude"))), id: a.id, baseVersion: 1 }));
    expect(cycle.code).toBe("BAD_REQUEST");
    expect(cycle.message).toMatch(/“Segment C” already depends on this segment/);
    const self = await errorOf(s.segments.update({ ...segmentInput(group(ref(a.id))), id: a.id, baseVersion: 1 }));
    expect(self.message).toMatch(/itself/);
    const [row] = await db.select().from(segments).where(eq(segments.id, a.id));
    expect(row!.version).toBe(1);
  });

  it("refuses a stale save: two people edit version 1 at once, the second gets a conflict and nothing is overwritten", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId);
    const mine = callerFor(db, marketer);
    const created = await mine.segments.create(segmentInput(group(cond(sig.id)), { name: "Original name" }));
    const stewardEdit = callerFor(db, steward).segments.update({ ...segmentInput(group(cond(sig.id, 3)), { name: "Steward's name" }), id: created.id, baseVersion: 1 });
    const marketerEdit = mine.segments.update({ ...segmentInput(group(cond(sig.id, 4)), { name: "Marketer's name" }), id: created.id, baseVersion: 1 });
    const results = await Promise.allSettled([stewardEdit, marketerEdit]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect((rejected[0]!.reason as TRPCError).message).toMatch(/saved version 2 .* after you started editing version 1. Reload/);
    const view = await mine.segments.byId({ id: created.id });
    expect(view.version).toBe(2);
    const history = await mine.segments.history({ id: created.id });
    expect(history.map((h) => h.version)).toEqual([2, 1]);
  });

  it("keeps every version and shows a field-level diff between any two", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { name: "Orders last quarter" });
    const s = callerFor(db, steward);
    const created = await s.segments.create(segmentInput(group(cond(sig.id, 2)), { name: "Repeat buyers", tags: ["loyalty"] }));
    await s.segments.update({ ...segmentInput(group(cond(sig.id, 3)), { name: "Repeat buyers", tags: ["loyalty"], channels: ["email", "web"] }), id: created.id, baseVersion: 1 });
    const unchanged = await s.segments.update({
      ...segmentInput(group(cond(sig.id, 3)), { name: "Repeat buyers", tags: ["loyalty"], channels: ["email", "web"] }),
      id: created.id,
      baseVersion: 2,
    });
    expect(unchanged).toMatchObject({ version: 2, unchanged: true });
    await s.segments.update({ ...segmentInput(group(cond(sig.id, 3)), { name: "Loyal repeat buyers", tags: ["loyalty"], channels: ["email", "web"] }), id: created.id, baseVersion: 2 });
    const diff = await s.segments.diff({ id: created.id, from: 1, to: 3 });
    const byField = Object.fromEntries(diff.changes.map((c) => [c.field, c]));
    expect(byField.name).toMatchObject({ before: "Repeat buyers", after: "Loyal repeat buyers" });
    expect(byField.channels).toMatchObject({ before: "Email", after: "Email, Web" });
    expect(byField.definition!.before).toContain("Orders last quarter is at least 2");
    expect(byField.definition!.after).toContain("Orders last quarter is at least 3");
    expect(byField.tags).toBeUndefined();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id)).orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual(["segment.created", "segment.updated", "segment.updated"]);
  });

  it("lets marketers edit only their own segments and not while in review, stewards any", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId);
    const otherMarketer = await makeUser(db, ["marketer"]);
    const created = await callerFor(db, marketer).segments.create(segmentInput(group(cond(sig.id))));
    const foreign = await errorOf(callerFor(db, otherMarketer).segments.update({ ...segmentInput(group(cond(sig.id))), id: created.id, baseVersion: 1 }));
    expect(foreign.code).toBe("FORBIDDEN");
    await db.update(segments).set({ status: "in_review" }).where(eq(segments.id, created.id));
    const inReview = await errorOf(callerFor(db, marketer).segments.update({ ...segmentInput(group(cond(sig.id, 9))), id: created.id, baseVersion: 1 }));
    expect(inReview.message).toMatch(/in review. Withdraw the review request/);
    const ok = await callerFor(db, steward).segments.update({ ...segmentInput(group(cond(sig.id, 9))), id: created.id, baseVersion: 1 });
    expect(ok.version).toBe(2);
    // An approved segment can be edited by its owner: that makes a new draft version.
    await db.update(segments).set({ status: "approved" }).where(eq(segments.id, created.id));
    const draft = await callerFor(db, marketer).segments.update({ ...segmentInput(group(cond(sig.id, 10))), id: created.id, baseVersion: 2 });
    expect(draft.version).toBe(3);
    const auditor = await makeUser(db, ["auditor"]);
    expect((await errorOf(callerFor(db, auditor).segments.create(segmentInput(group(cond(sig.id)))))).code).toBe("FORBIDDEN");
  });

  it("validates conditions against the signal's type and values", async () => {
    const db = getDb();
    const tier = await makeSignal(db, steward, sourceId, { name: "Loyalty tier", valueType: "category", allowedValues: ["bronze", "silver", "gold"], category: "user.behavior" });
    const m = callerFor(db, marketer);
    const badOp = await errorOf(m.segments.create(segmentInput(group({ type: "condition", signalId: tier.id, operator: "gte", value: 2 }))));
    expect(badOp.message).toMatch(/“Loyalty tier” cannot use “at least”/);
    const badValue = await errorOf(m.segments.create(segmentInput(group({ type: "condition", signalId: tier.id, operator: "in", value: ["platinum"] }))));
    expect(badValue.message).toMatch(/no value “platinum”/);
    const ok = await m.segments.create(segmentInput(group({ type: "condition", signalId: tier.id, operator: "in", value: ["gold", "silver"] })));
    expect((await m.segments.byId({ id: ok.id })).sentence).toBe("People where Loyalty tier is one of “gold”, “silver”.");
  });

  it("validates consent provenance against each purpose's allowed lawful bases", async () => {
    const db = getDb();
    const bad = await errorOf(makeSignal(db, steward, sourceId, { consents: [["marketing.sms", "legitimate_interest"]] }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/“SMS marketing” cannot rest on legitimate interest; it allows consent/);
    const ok = await makeSignal(db, steward, sourceId, {
      consents: [
        ["marketing.email", "legitimate_interest"],
        ["analytics", "consent"],
      ],
    });
    const view = await callerFor(db, marketer).signals.byId({ id: ok.id });
    expect(view.consents.map((c) => [c.purposeKey, c.lawfulBasis]).sort()).toEqual([
      ["analytics", "consent"],
      ["marketing.email", "legitimate_interest"],
    ]);
  });

  it("finds segments by name, tag, purpose text and signal name, despite a typo, with filters and pagination", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { name: "Wishlist additions" });
    const s = callerFor(db, steward);
    const target = await s.segments.create(
      segmentInput(group(cond(sig.id)), {
        name: "Lapsed loyalty members",
        tags: ["winback"],
        purposeStatement: "Reactivate dormant loyalty customers",
        businessGoal: "reactivation",
        channels: ["push"],
      }),
    );
    const find = async (q: string, extra: Record<string, unknown> = {}) => (await s.segments.list({ q, ...extra })).items.map((i) => i.id);
    expect(await find("lapsed")).toContain(target.id);
    expect(await find("loyality")).toContain(target.id); // typo
    expect(await find("winback")).toContain(target.id);
    expect(await find("dormant")).toContain(target.id);
    expect(await find("wishlist")).toContain(target.id);
    expect(await find("lapsed", { goal: "acquisition" })).not.toContain(target.id);
    expect(await find("lapsed", { channel: "push", sourceId })).toContain(target.id);
    const page = await s.segments.list({ pageSize: 2, page: 1, sort: "updated", dir: "desc" });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const global = await s.search.global({ q: "loyality" });
    expect(global.segments.map((x) => x.id)).toContain(target.id);
  });

  it("filters segments by declared purpose", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId);
    const email = await purposeId(db, "marketing.email");
    const s = callerFor(db, steward);
    const created = await s.segments.create(segmentInput(group(cond(sig.id)), { declaredPurposeIds: [email] }));
    expect((await s.segments.list({ purposeId: email, pageSize: 100 })).items.map((i) => i.id)).toContain(created.id);
  });
});
