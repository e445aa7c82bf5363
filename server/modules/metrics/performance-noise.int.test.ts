import { and, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { dayFromToday } from "@/domain/dates";
import { auditEvents, privacyBudgets, privacyReleases } from "@/server/db/schema";
import { ledgerCsv, privacyEvidence } from "@/server/modules/evidence/privacy";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { COUNTS_PER_PERSON, errorPerCount } from "./performance-dp";

describeEachDb("the Performance report with differential privacy", (getDb) => {
  const SEG = "00000000-0000-4000-8000-0000000000d1";
  const OTHER = "00000000-0000-4000-8000-0000000000d2";
  let marketer: Awaited<ReturnType<typeof makeUser>>;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    marketer = await makeUser(db, ["marketer"]);
    officer = await makeUser(db, ["privacy_officer"]);
    const { id: tokenId } = await callerFor(db, admin).tokens.create({ name: "cdp-dp", scopes: ["metrics:write"] });
    for (const [id, key] of [
      [SEG, "dp_one"],
      [OTHER, "dp_two"],
    ] as const) {
      await db.execute(sql`INSERT INTO segments (id, key, name, business_goal, owner_id, derived_sensitivity, sensitivity)
        VALUES (${id}, ${key}, ${key}, 'retention', ${admin.id}, 'internal', 'internal')`);
      // Email reaches 5,000 a day (holdout 1,000); SMS 3 a day, below any k.
      await db.execute(sql`INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id)
        SELECT ${id}::uuid, d::date, c::channel, g::metric_group,
               CASE WHEN c = 'sms' THEN 3 WHEN g = 'holdout' THEN 1000 ELSE 5000 END,
               CASE WHEN c = 'sms' THEN 1 WHEN g = 'holdout' THEN 50 ELSE 600 END, 12.5, 'EUR', ${tokenId}::uuid
        FROM generate_series(${dayFromToday(-20)}::date, ${dayFromToday(0)}::date, '1 day') d, unnest('{email,sms}'::text[]) c, unnest('{treatment,holdout}'::text[]) g`);
    }
  });

  it("is off by default; only a privacy officer turns it on for a segment, audited with the reason", async () => {
    const db = getDb();
    const before = await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "week" });
    expect(before.privacy).toMatchObject({ differentialPrivacy: false, source: "policy", policyDefault: false });
    expect(before.noisyRelease).toBeNull();
    await expect(callerFor(db, marketer).metrics.setPrivacyMode({ segmentId: SEG, differentialPrivacy: true, reason: "small campaign" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, marketer).metrics.releaseWithNoise({ segmentId: SEG, period: "week" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("released without noise"),
    });
    const mode = await callerFor(db, officer).metrics.setPrivacyMode({ segmentId: SEG, differentialPrivacy: true, reason: "health-adjacent audience" });
    expect(mode).toEqual({ differentialPrivacy: true, source: "segment" });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "segment.privacy_mode_set"), eq(auditEvents.entityId, SEG)));
    expect(event).toMatchObject({ actorId: officer.id, reason: "health-adjacent audience", before: { differentialPrivacy: false, source: "policy" }, after: { differentialPrivacy: true } });
  });

  it("shows the error and the budget before anything is spent, and shows no number until a release", async () => {
    const r = await callerFor(getDb(), marketer).metrics.performance({ segmentId: SEG, period: "week" });
    expect(r.privacy).toMatchObject({ differentialPrivacy: true, epsilonPerRelease: 1, budget: 4, spent: 0, canRelease: true, errorPerCount: errorPerCount(1) });
    // ε = 1 over 8 counts per person: each count is within about ± 24 people 95% of the time.
    expect(COUNTS_PER_PERSON).toBe(8);
    expect(r.privacy.errorPerCount).toBe(24);
    expect(r.noisyRelease).toBeNull();
    expect(r.channels).toEqual([]);
    const spent = await getDb().select().from(privacyBudgets).where(eq(privacyBudgets.segmentId, SEG));
    expect(spent).toEqual([]);
  });

  it("releases with noise, spending one release's epsilon; viewing again shows the same numbers and spends nothing", async () => {
    const db = getDb();
    const released = await callerFor(db, marketer).metrics.releaseWithNoise({ segmentId: SEG, period: "week" });
    expect(released.privacy).toMatchObject({ spent: 1, budget: 4, canRelease: true });
    expect(released.noisyRelease).toMatchObject({ asOf: dayFromToday(0) });
    const total = released.totals.total.reached;
    expect(total.released).toBe(true);
    const truth = 21 * 5000;
    // Noise, but within a few times the 95% error of the truth (the chance of more is below 1e-9).
    if (total.released) expect(Math.abs(total.value - truth)).toBeLessThanOrEqual(6 * 24);
    // Small counts stay withheld by the threshold; revenue is not released with noise at all.
    expect(released.byChannel[1]!.cells.at(-1)!.reached).toMatchObject({ released: false, reason: "threshold" });
    expect(released.totals.total.revenue).toMatchObject({ released: false, reason: "noise" });

    const again = await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "week" });
    expect(again.totals.total).toEqual(released.totals.total);
    expect(again.byChannel).toEqual(released.byChannel);
    expect(again.noisyRelease).toEqual(released.noisyRelease);
    expect(again.privacy.spent).toBe(1);
    // The view before noise was turned on released without it (epsilon null); this release's numbers each carry epsilon 1.
    const ledger = await db
      .select()
      .from(privacyReleases)
      .where(and(eq(privacyReleases.segmentId, SEG), isNotNull(privacyReleases.epsilon)));
    expect(ledger.length).toBeGreaterThan(0);
    expect(ledger.every((row) => Number(row.epsilon) === 1)).toBe(true);
    // Its CSV holds the same noisy numbers; exporting spends nothing and is audited.
    const { csv } = await callerFor(db, marketer).metrics.exportCsv({ segmentId: SEG, period: "week" });
    const grand = csv.split("\r\n").find((l) => l.startsWith(`${released.from},${released.to},All channels,people_reached,`));
    expect(grand).toBe(`${released.from},${released.to},All channels,people_reached,${total.released ? total.value : ""},`);
    expect(csv).toContain(`,revenue_EUR,,"not released with noise`);
    expect((await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "week" })).privacy.spent).toBe(1);
    const [exported] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "metrics.performance_exported"), eq(auditEvents.entityId, SEG)));
    expect(exported).toMatchObject({ actorId: marketer.id, after: { period: "week" } });
    // A month report was never released with noise: nothing to show for it yet.
    const month = await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "month" });
    expect(month.noisyRelease).toBeNull();
  });

  it("refuses a release once the month's budget is spent, and keeps showing the numbers released before", async () => {
    const db = getDb();
    const caller = callerFor(db, marketer);
    const last = await caller.metrics.releaseWithNoise({ segmentId: SEG, period: "day" });
    await caller.metrics.releaseWithNoise({ segmentId: SEG, period: "day" });
    const third = await caller.metrics.releaseWithNoise({ segmentId: SEG, period: "day" });
    expect(third.privacy).toMatchObject({ spent: 4, canRelease: false });
    await expect(caller.metrics.releaseWithNoise({ segmentId: SEG, period: "day" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("privacy budget for the segment is spent (4 of 4"),
    });
    const shown = await caller.metrics.performance({ segmentId: SEG, period: "day" });
    expect(shown.noisyRelease).toEqual(third.noisyRelease);
    expect(shown.totals.total).toEqual(third.totals.total);
    expect(last.noisyRelease!.releasedAt <= third.noisyRelease!.releasedAt).toBe(true);
  });

  it("never overspends under 10 simultaneous releases", async () => {
    const db = getDb();
    await callerFor(db, officer).metrics.setPrivacyMode({ segmentId: OTHER, differentialPrivacy: true, reason: "concurrency check" });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => callerFor(db, marketer).metrics.releaseWithNoise({ segmentId: OTHER, period: "week" })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
    const [budget] = await db.select().from(privacyBudgets).where(eq(privacyBudgets.segmentId, OTHER));
    expect(budget).toMatchObject({ spent: "4.000000", budget: "4.000000" });
  });

  it("follows the policy's default and budget, which only a privacy officer sets", async () => {
    const db = getDb();
    const settings = { defaultOn: true, monthlyBudget: 2, epsilonPerRelease: 0.5 };
    await expect(callerFor(db, marketer).metrics.setPrivacyPolicy({ settings, reason: "tighter" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, officer).metrics.setPrivacyPolicy({ settings: { ...settings, epsilonPerRelease: 3 }, reason: "too much" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("One release cannot spend more than the month's budget."),
    });
    await callerFor(db, officer).metrics.setPrivacyPolicy({ settings, reason: "noise by default" });
    // SEG's own choice stands; set back to the policy's, it follows the new default and epsilon.
    await callerFor(db, officer).metrics.setPrivacyMode({ segmentId: SEG, differentialPrivacy: null, reason: "follow policy" });
    const r = await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "week" });
    // This month's budget was fixed by its first release (4), and stays.
    expect(r.privacy).toMatchObject({ differentialPrivacy: true, source: "policy", epsilonPerRelease: 0.5, budget: 4, spent: 4, canRelease: false, errorPerCount: errorPerCount(0.5) });
    await callerFor(db, officer).metrics.setPrivacyPolicy({ settings: { ...settings, defaultOn: false }, reason: "back off" });
  });

  it("puts the mode, each month's budget and the ledger of noisy numbers in the segment's evidence", async () => {
    const privacy = await privacyEvidence(getDb(), SEG);
    expect(privacy.budgets).toEqual([{ month: dayFromToday(0).slice(0, 7), budget: 4, spent: 4 }]);
    // The previous test set it back to the policy's default, off again.
    expect(privacy.mode).toMatchObject({ differentialPrivacy: false, source: "policy" });
    const csv = ledgerCsv(privacy.ledger).trim().split("\r\n");
    expect(csv[0]).toBe("cell_key,from,to,value,epsilon,via,released_by,released_at");
    expect(csv).toHaveLength(privacy.ledger.length + 1);
    // Four releases (one week report, three day reports), each of many counts, every one with its epsilon.
    const noisy = privacy.ledger.filter((r) => r.epsilon === 1);
    expect(noisy.length).toBeGreaterThan(4 * 4);
    expect(new Set(noisy.map((r) => r.releasedAt.toISOString())).size).toBe(4);
    expect(noisy.every((r) => r.releasedBy === marketer.name && r.via === "ui")).toBe(true);
  });
});
