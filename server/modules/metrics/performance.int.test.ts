import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { dayFromToday } from "@/domain/dates";
import { privacyReleases } from "@/server/db/schema";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import type { Release } from "@/server/privacy/threshold";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";

describeEachDb("the segment's Performance report", (getDb) => {
  const SEG = "00000000-0000-4000-8000-0000000000a1";
  let marketer: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    marketer = await makeUser(db, ["marketer"]);
    const { id: tokenId } = await callerFor(db, admin).tokens.create({ name: "cdp", scopes: ["metrics:write"] });
    await db.execute(sql`INSERT INTO segments (id, key, name, business_goal, owner_id, derived_sensitivity, sensitivity)
      VALUES (${SEG}, 'perf_one', 'Perf one', 'retention', ${admin.id}, 'internal', 'internal')`);
    // Email reaches 500 a day (holdout 100); SMS reaches 3 a day, far below any k.
    await db.execute(sql`INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id)
      SELECT ${SEG}::uuid, d::date, c::channel, g::metric_group,
             CASE WHEN c = 'sms' THEN 3 WHEN g = 'holdout' THEN 100 ELSE 500 END,
             CASE WHEN c = 'sms' THEN 1 WHEN g = 'holdout' THEN 5 ELSE 50 END, 12.5, 'EUR', ${tokenId}::uuid
      FROM generate_series(${dayFromToday(-20)}::date, ${dayFromToday(0)}::date, '1 day') d, unnest('{email,sms}'::text[]) c, unnest('{treatment,holdout}'::text[]) g`);
  });

  it("withholds small cells as 'fewer than k', what they would give back, and what is computed from them", async () => {
    const k = DEFAULT_POLICY_SETTINGS.minCohortSize;
    const r = await callerFor(getDb(), marketer).metrics.performance({ segmentId: SEG, period: "week" });
    expect(r.k).toBe(k);
    expect(r.channels).toEqual(["email", "sms"]);
    expect(r.currency).toBe("EUR");
    const sms = r.byChannel[1]!;
    const last = sms.cells.length - 1;
    expect(sms.cells[last]!.reached).toEqual({ released: false, reason: "threshold", message: `fewer than ${k}` });
    expect(sms.cells[last]!.rate).toMatchObject({ released: false, reason: "derived" });
    expect(sms.cells[last]!.revenue).toMatchObject({ released: false, reason: "derived" });
    // Weeks before the data are zero, also withheld (nobody is a small group too).
    expect(r.byChannel[0]!.cells[0]!.reached).toMatchObject({ released: false, reason: "threshold" });
    const all: Release[] = [...r.byChannel, r.totals].flatMap((c) => [...c.cells, c.total].flatMap((x) => [x.reached, x.conversions]));
    for (const x of all) if (x.released) expect(x.value).toBeGreaterThanOrEqual(k);
    // With two channels, SMS's withheld weeks would be each week's total less email's: email's go too.
    expect(r.byChannel[0]!.cells[last]!.reached).toMatchObject({ released: false, reason: "complementary" });
    expect(r.totals.total.reached).toEqual({ released: true, value: 21 * 503 });
    expect(r.lift.total.lift).toMatchObject({ released: true });
  });

  it("records what it released once, however often the report is viewed", async () => {
    const db = getDb();
    await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "month" });
    const count = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(privacyReleases)
          .where(eq(privacyReleases.segmentId, SEG))
      )[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await callerFor(db, marketer).metrics.performance({ segmentId: SEG, period: "month" });
    expect(await count()).toBe(before);
  });

  it("answers a segment with no outcomes yet with an empty report, which the tab shows as its empty state", async () => {
    const db = getDb();
    const EMPTY = "00000000-0000-4000-8000-0000000000a2";
    await db.execute(sql`INSERT INTO segments (id, key, name, business_goal, owner_id, derived_sensitivity, sensitivity)
      VALUES (${EMPTY}, 'perf_empty', 'Perf empty', 'retention', ${marketer.id}, 'internal', 'internal')`);
    for (const period of ["day", "week", "month"] as const) {
      const r = await callerFor(db, marketer).metrics.performance({ segmentId: EMPTY, period });
      expect(r.channels).toEqual([]);
      expect(r.totals.total.reached).toMatchObject({ released: false });
      expect(r.currencies).toBe(0);
    }
  });

  it("says so for a segment that does not exist", async () => {
    await expect(callerFor(getDb(), marketer).metrics.performance({ segmentId: "00000000-0000-4000-8000-0000000000ff", period: "day" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("exports the report as CSV: one released number per line, withheld ones with no value and the reason, recorded as leaving by CSV", async () => {
    const db = getDb();
    const k = DEFAULT_POLICY_SETTINGS.minCohortSize;
    const { filename, csv } = await callerFor(db, marketer).metrics.exportCsv({ segmentId: SEG, period: "week" });
    expect(filename).toMatch(/^performance-perf_one-week-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("from,to,channel,measure,value,note");
    const rows = lines.slice(1).map((l) => l.split(","));
    // The window's total reach, all channels: released, as on the tab.
    const total = rows.find((r) => r[2] === "All channels" && r[3] === "people_reached" && r[0] !== r[1] && r[1] === dayFromToday(0) && r[0]! < dayFromToday(-20));
    expect(total?.[4]).toBe(String(21 * 503));
    // SMS's weeks are withheld with their reason and no number.
    const sms = rows.filter((r) => r[2] === "SMS" && r[3] === "people_reached");
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.every((r) => r[4] === "")).toBe(true);
    expect(sms.filter((r) => r[5] === `fewer than ${k}`).length).toBeGreaterThan(0);
    expect(rows.some((r) => r[3] === "revenue_EUR")).toBe(true);
    const viaCsv = await db
      .select()
      .from(privacyReleases)
      .where(and(eq(privacyReleases.segmentId, SEG), eq(privacyReleases.via, "csv")));
    expect(viaCsv.length).toBeGreaterThan(0);
    expect(viaCsv.every((r) => r.value >= k)).toBe(true);
  });
});
