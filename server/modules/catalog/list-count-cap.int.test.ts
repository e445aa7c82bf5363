import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import type { SessionUser } from "@/server/auth/identity";
import { COUNT_CAP } from "./search-sql";

describeEachDb("list counts are capped", (getDb) => {
  let steward: SessionUser;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
  });

  it("counts exactly up to the cap, then says the cap was passed; the dashboard still counts every segment", async () => {
    const db = getDb();
    const insert = (from: number, to: number) =>
      db.execute(sql`INSERT INTO segments (key, name, business_goal, owner_id, derived_sensitivity, sensitivity, team)
        SELECT 'cap-' || g, 'Capped ' || g, 'retention', ${steward.id}, 'internal', 'internal', CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END
        FROM generate_series(${from}::int, ${to}::int) g`);
    await insert(1, COUNT_CAP);
    const exact = await callerFor(db, steward).segments.list({ page: 1, pageSize: 25 });
    expect(exact).toMatchObject({ total: COUNT_CAP, totalCapped: false });
    expect(exact.items).toHaveLength(25);

    await insert(COUNT_CAP + 1, COUNT_CAP + 2);
    const over = await callerFor(db, steward).segments.list({ page: 2, pageSize: 25 });
    expect(over).toMatchObject({ total: COUNT_CAP, totalCapped: true, page: 2 });
    expect(over.items).toHaveLength(25);
    // A filter below the cap is exact again.
    expect(await callerFor(db, steward).segments.list({ page: 1, pageSize: 25, team: "odd" })).toMatchObject({ total: COUNT_CAP / 2 + 1, totalCapped: false });
    expect((await callerFor(db, steward).dashboard.summary()).segmentsByStatus.draft).toBe(COUNT_CAP + 2);
  });
});
