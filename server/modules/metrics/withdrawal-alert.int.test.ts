import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { lastCompleteWeek } from "@/domain/withdrawal-spike";
import type { Db } from "@/server/db/client";
import { apiTokens, auditEvents, consentMetrics, consentPurposes, notifications, privacyReleases, segmentUsageDaily, withdrawalAlerts } from "@/server/db/schema";
import { activeSegment, gateCast, type GateCast } from "@/server/testing/activation";
import { describeEachDb } from "@/server/testing/db";
import { callerFor } from "@/server/testing/fixtures";
import { consentReport, purposeReliance } from "./consent-report";
import { raiseWithdrawalAlerts } from "./withdrawal-alert";

const DAY = 86_400_000;
const now = new Date("2026-12-03T15:00:00Z");
const week = lastCompleteWeek(now); // 2026-11-23

/** Ten weeks of daily figures ending with the last complete week: 20,000 people, 30 withdrawals a day, then `last` a day in the last week. */
async function seed(db: Db, purposeId: string, tokenId: string, last: number) {
  const start = Date.parse(`${week}T00:00:00Z`) - 9 * 7 * DAY;
  const rows = Array.from({ length: 70 }, (_, i) => {
    const date = new Date(start + i * DAY).toISOString().slice(0, 10);
    return { purposeId, tokenId, date, consented: 20_000, optIns: 30, withdrawals: i >= 63 ? last : 30 };
  });
  await db.insert(consentMetrics).values(rows);
}

describeEachDb("the withdrawal-spike alert", (getDb) => {
  let cast: GateCast;
  let spiking: string;
  let steady: string;
  let tokenId: string;

  beforeAll(async () => {
    const db = getDb();
    cast = await gateCast(db);
    const [token] = await db
      .insert(apiTokens)
      .values({ name: "CMP", tokenHash: "x", prefix: "stw_test", scopes: ["metrics:write"], createdById: cast.admin.id })
      .returning();
    const purposes = await db
      .insert(consentPurposes)
      .values([
        { key: "test.spiking", name: "Spiking purpose", allowedLawfulBases: ["consent"] },
        { key: "test.steady", name: "Steady purpose", allowedLawfulBases: ["consent"] },
      ])
      .returning();
    [spiking, steady] = [purposes[0]!.id, purposes[1]!.id];
    tokenId = token!.id;
    await seed(db, spiking, token!.id, 150); // ~5× the baseline (4.8× of the people at the week's start)
    await seed(db, steady, token!.id, 60); // 2×: under the default 3×
  });

  it("raises a spike once, to every privacy officer, however many runs there are", async () => {
    const db = getDb();
    const runs = await Promise.all([raiseWithdrawalAlerts(db, now), raiseWithdrawalAlerts(db, now), raiseWithdrawalAlerts(db, now)]);
    expect(runs.reduce((s, r) => s + r.raised, 0)).toBe(1);
    expect((await raiseWithdrawalAlerts(db, now)).raised).toBe(0);

    expect(await db.select({ purposeId: withdrawalAlerts.purposeId, week: withdrawalAlerts.week }).from(withdrawalAlerts)).toEqual([{ purposeId: spiking, week }]);
    const told = await db
      .select({ userId: notifications.userId, title: notifications.title, body: notifications.body })
      .from(notifications)
      .where(eq(notifications.kind, "withdrawal_spike"));
    expect(told.map((n) => n.userId).sort()).toEqual([cast.po.id, cast.po2.id].sort());
    expect(told[0]!.title).toBe("Consent withdrawals spiked for “Spiking purpose”");
    expect(told[0]!.body).toContain("4.8× its 8-week baseline");
    const audited = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "metrics.withdrawal_spike_raised"), eq(auditEvents.entityId, spiking)));
    expect(audited).toHaveLength(1);
  });

  it("the multiple is the policy's: privacy officers lower it (audited), and the steady purpose then alerts too", async () => {
    const db = getDb();
    await expect(callerFor(db, cast.marketer).consentMetrics.setSpikeMultiple({ multiple: 1.5, reason: "More sensitive" })).rejects.toThrow();
    await expect(callerFor(db, cast.po).consentMetrics.setSpikeMultiple({ multiple: 1.25, reason: "More sensitive" })).rejects.toThrow(/At least 1.5/);
    await callerFor(db, cast.po).consentMetrics.setSpikeMultiple({ multiple: 1.5, reason: "More sensitive" });
    expect((await callerFor(db, cast.po).policy.current()).settings.withdrawalSpikeMultiple).toBe(1.5);
    expect((await raiseWithdrawalAlerts(db, now)).raised).toBe(1);
    expect(await db.select().from(withdrawalAlerts).where(eq(withdrawalAlerts.purposeId, steady))).toHaveLength(1);
  });

  it("the Consent page's report shows the spike week, records new numbers in the ledger once, and shows repeats without recording them", async () => {
    const db = getDb();
    const actor = { id: cast.po.id, label: cast.po.email };
    const report = await consentReport(db, actor, { purposeId: spiking, weeks: 12 }, now);
    expect(report.weeks).toHaveLength(10);
    const last = report.weeks.at(-1)!;
    expect(last).toMatchObject({ week, spike: true, withdrawals: { released: true, value: 1050 } });
    expect(report.alerts.map((a) => a.week)).toEqual([week]);
    const recorded = await db.select().from(privacyReleases);
    expect(recorded.length).toBe(10 * 4);
    await consentReport(db, actor, { purposeId: spiking, weeks: 12 }, now);
    expect(await db.select().from(privacyReleases)).toHaveLength(recorded.length);
  });

  it("a purpose's page lists the active segments declaring it and the tools the gate let use them", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast);
    const [purpose] = await db.select({ id: consentPurposes.id }).from(consentPurposes).where(eq(consentPurposes.key, "marketing.email"));
    const at = new Date();
    await db.insert(segmentUsageDaily).values({ segmentId: seg.id, tokenId, channel: "email", day: at.toISOString().slice(0, 10), allowedCount: 3, firstAskedAt: at, lastAskedAt: at });
    const r = await purposeReliance(db, purpose!.id, at);
    expect(r.segments.map((s) => s.id)).toContain(seg.id);
    expect(r.consumers).toEqual([expect.objectContaining({ name: "CMP", channels: ["email"], segments: [r.segments.find((s) => s.id === seg.id)!.name] })]);
  });
});
