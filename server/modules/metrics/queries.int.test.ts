import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { inTransaction } from "@/server/db/transaction";
import { outcomesByPeriod, topByLift } from "./queries";
import { refreshDaily } from "./service";

describeEachDb("metrics report queries", (getDb) => {
  const seg = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  beforeAll(async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const { id: tokenId } = await callerFor(db, admin).tokens.create({ name: "bench", scopes: ["metrics:write"] });
    await db.execute(sql`INSERT INTO segments (id, key, name, business_goal, owner_id, derived_sensitivity, sensitivity)
      VALUES (${seg(1)}, 'one', 'One', 'retention', ${admin.id}, 'internal', 'internal'), (${seg(2)}, 'two', 'Two', 'retention', ${admin.id}, 'internal', 'internal'),
             (${seg(3)}, 'three', 'Three', 'retention', ${admin.id}, 'internal', 'internal')`);
    // Segment 1: treatment converts 10%, holdout 5% (lift 1.0); segment 2: both 5% (lift 0); segment 3: holdout converts nobody.
    await db.execute(sql`INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id)
      SELECT s.id, d::date, c::channel, g::metric_group, 100, CASE WHEN g = 'holdout' THEN s.h ELSE s.t END, 10.25, 'EUR', ${tokenId}::uuid
      FROM (VALUES (${seg(1)}::uuid, 10, 5), (${seg(2)}::uuid, 5, 5), (${seg(3)}::uuid, 5, 0)) s(id, t, h),
           generate_series('2026-11-02'::date, '2026-11-15'::date, '1 day') d, unnest('{email,sms}'::text[]) c, unnest('{treatment,holdout}'::text[]) g`);
    const days = Array.from({ length: 14 }, (_, i) => `2026-11-${String(2 + i).padStart(2, "0")}`);
    await inTransaction(db, (tx) =>
      refreshDaily(
        tx,
        [1, 2, 3].flatMap((n) => days.map(() => seg(n))),
        [1, 2, 3].flatMap(() => days),
      ),
    );
  });

  it("sums one segment's days into ISO weeks (Monday first) per channel and group, with exact revenue", async () => {
    const rows = await outcomesByPeriod(getDb(), seg(1), { from: "2026-11-02", to: "2026-11-12", period: "week" });
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ period: "2026-11-02", channel: "email", group: "treatment", reached: 700, conversions: 70, revenue: "71.7500" });
    expect(rows.filter((r) => r.period === "2026-11-09").map((r) => r.reached)).toEqual([400, 400, 400, 400]);
    expect(await outcomesByPeriod(getDb(), seg(1), { from: "2026-11-02", to: "2026-11-03", period: "month" })).toHaveLength(4);
  });

  it("ranks segments by relative lift, leaving out those whose holdout converted nobody", async () => {
    const top = await topByLift(getDb(), { from: "2026-11-01", to: "2026-11-30" });
    expect(top).toEqual([
      { segmentId: seg(1), treatmentReached: 2800, treatmentConversions: 280, holdoutReached: 2800, holdoutConversions: 140 },
      { segmentId: seg(2), treatmentReached: 2800, treatmentConversions: 140, holdoutReached: 2800, holdoutConversions: 140 },
    ]);
    expect(await topByLift(getDb(), { from: "2026-11-01", to: "2026-11-30" }, 1)).toHaveLength(1);
  });
});
