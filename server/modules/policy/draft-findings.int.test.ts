import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { ROLES } from "@/server/authz/scopes";
import type { SessionUser } from "@/server/auth/identity";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput } from "@/server/testing/catalog";

describeEachDb("policy.draftFindings: a segment's findings before it is saved", (getDb) => {
  let steward: SessionUser;
  let draft: Parameters<ReturnType<typeof callerFor>["policy"]["draftFindings"]>[0];
  let ids: { x: string; y: string; parent: string; email: string; analytics: string };

  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const x = await makeSignal(db, steward, source.id, { name: "Email clicks", consents: [["marketing.email", "consent"]] });
    const y = await makeSignal(db, steward, source.id, { name: "Store visits", consents: [["analytics", "consent"]] });
    const parent = await callerFor(db, steward).segments.create(segmentInput(group(cond(y.id)), { name: "Regulars" }));
    ids = { x: x.id, y: y.id, parent: parent.id, email: await purposeId(db, "marketing.email"), analytics: await purposeId(db, "analytics") };
    draft = {
      name: "Clicky regulars",
      signalIds: [x.id],
      parentSegmentIds: [parent.id],
      declaredPurposeIds: [ids.email],
      channels: ["email"],
      written: { purposeStatement: true, assumptions: true, limitations: true, expectedOutcomes: true },
      ownerId: steward.id,
      refreshCadence: "daily",
      lookbackDays: 30,
      minCohortSize: 100,
      cappedChannels: [],
    };
  });

  it("finds what a save would find, blaming the input through the parent it arrives by, and marks each purpose an input was not collected for", async () => {
    const db = getDb();
    const count = async () => rowsOf<{ n: number }>(await db.execute(sql`SELECT (SELECT count(*) FROM segment_findings) + (SELECT count(*) FROM audit_events) AS n`))[0]!.n;
    const before = await count();
    const r = await callerFor(db, steward).policy.draftFindings(draft);
    expect(r.findings.map((f) => f.policyKey)).toEqual(["purpose_not_consented", "channel_needs_opt_in"]);
    expect(r.findings[0]!.message).toContain("“Store visits” (through “Regulars”)");
    expect(r.findings[0]!.signals).toEqual([{ id: ids.y, name: "Store visits" }]);
    const uncollected = new Map(r.uncollected.map((u) => [u.purposeId, u.signals.map((s) => [s.name, s.via])]));
    expect(uncollected.get(ids.email)).toEqual([["Store visits", ["Regulars"]]]);
    expect(uncollected.get(ids.analytics)).toEqual([["Email clicks", []]]);
    // Read-only: no finding stored, no audit event.
    expect(await count()).toBe(before);
  });

  it("follows the form: undocumented and uncapped while half-filled, clean once the parent is gone", async () => {
    const caller = callerFor(getDb(), steward);
    const half = await caller.policy.draftFindings({
      ...draft,
      parentSegmentIds: [],
      channels: ["email", "sms"],
      written: { purposeStatement: false, assumptions: true, limitations: true, expectedOutcomes: true },
      minCohortSize: null,
    });
    expect(half.findings.map((f) => f.policyKey)).toEqual(["channel_needs_opt_in", "undocumented", "cohort_below_minimum", "missing_frequency_cap"]);
    const clean = await caller.policy.draftFindings({ ...draft, parentSegmentIds: [] });
    expect(clean.findings).toEqual([]);
  });

  it("every role may ask (it is a read under policy:read); a signed-out caller may not", async () => {
    for (const role of ROLES) {
      const r = await callerFor(getDb(), await makeUser(getDb(), [role])).policy.draftFindings({ ...draft, parentSegmentIds: [] });
      expect(r.findings, role).toEqual([]);
    }
    const err = await callerFor(getDb(), null)
      .policy.draftFindings(draft)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
