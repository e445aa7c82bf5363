// Impact analysis and the consent what-if name the activation tools that will start being denied.
import { beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/identity";
import type { Db } from "@/server/db/client";
import { createToken, revokeToken } from "@/server/modules/lineage/tokens.service";
import { group, makeSignal, makeSource, purposeId, ref, submittableSegmentInput, segmentInput } from "@/server/testing/catalog";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { createDecisionRecorder } from "../usage";
import type { DecisionRecord } from "../usage-hook";
import { writeUsage } from "./queries";

describeEachDb("tools that will start being denied", (getDb) => {
  let steward: SessionUser;
  let officer: SessionUser;
  let signalId: string;
  let a: { id: string };
  let b: { id: string };
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    officer = await makeUser(db, ["privacy_officer"]);
    const src = await makeSource(db, steward);
    signalId = (await makeSignal(db, steward, src.id)).id;
    const s = callerFor(db, steward);
    a = await s.segments.create(await submittableSegmentInput(db, signalId, { name: "A buyers", channels: ["email", "push"] }));
    b = await s.segments.create(segmentInput(group(ref(a.id)), { name: "B repeaters", channels: ["email"], declaredPurposeIds: [await purposeId(db, "marketing.email")] }));

    const actor = { id: steward.id, label: steward.email };
    const token = async (name: string) => (await createToken(db, actor, { name, scopes: ["lineage:read"] })).id;
    const [email, cdp, revoked, deniedOnly, stale] = await Promise.all(["Email platform", "CDP sync", "Old exporter", "Push tester", "Stale tool"].map(token));
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000);
    const d = (tokenId: string, segmentId: string, channel: string, allowed: boolean, daysAgo = 0): DecisionRecord => ({
      tokenId,
      segmentId,
      segmentKey: "k",
      channel,
      allowed,
      reasons: allowed ? [] : [{ code: "channel_not_declared", message: "Not a declared channel." }],
      at: at(daysAgo),
    });
    const recorder = createDecisionRecorder({ write: (deltas, denials) => writeUsage(db, deltas, denials) });
    recorder.record([
      d(email!, a.id, "email", true, 2),
      d(email!, a.id, "email", false),
      d(cdp!, b.id, "email", true),
      d(revoked!, a.id, "email", true), // revoked below: it cannot ask any more
      d(deniedOnly!, a.id, "sms", false), // never allowed: it has nothing to lose
      d(stale!, a.id, "push", true, 45), // allowed, but not in the last 30 days
    ]);
    await recorder.flush();
    await revokeToken(db, actor, revoked!);
  });

  const names = (tools: Array<{ name: string; channel: string }>) => tools.map((t) => `${t.name} (${t.channel})`);

  it("impact analysis lists, per affected segment, the tools allowed to use it in the last 30 days", async () => {
    const db: Db = getDb();
    const impact = await callerFor(db, officer).lineage.impact({ node: `signal:${signalId}` });
    expect(impact.recentDays).toBe(30);
    const bySegment = new Map(impact.segments.map((s) => [s.id, names(s.tools)]));
    expect(bySegment.get(a.id)).toEqual(["Email platform (email)"]);
    expect(bySegment.get(b.id)).toEqual(["CDP sync (email)"]);
  });

  it("the consent what-if lists the tools the gate will start denying for each segment that would become blocked", async () => {
    const db = getDb();
    const withoutEmail = [{ purposeId: await purposeId(db, "analytics"), lawfulBasis: "consent" as const }];
    const preview = await callerFor(db, officer).signals.previewConsentChange({ id: signalId, consents: withoutEmail });
    expect(preview.map((p) => [p.name, names(p.tools)])).toEqual([
      ["A buyers", ["Email platform (email)"]],
      ["B repeaters", ["CDP sync (email)"]],
    ]);
  });
});
