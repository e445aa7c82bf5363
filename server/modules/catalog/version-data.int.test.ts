import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { segmentVersions } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, segmentInput } from "@/server/testing/catalog";

const backfill = fs.readFileSync(path.join(process.cwd(), "drizzle", "0019_version_data_defaults.sql"), "utf8");

describeEachDb("stored segment versions", (getDb) => {
  it("a version saved before later fields existed gets their defaults from migration 0019, and keeps what it had", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const marketer = await makeUser(db, ["marketer"]);
    const source = await makeSource(db, steward);
    const signal = await makeSignal(db, steward, source.id);
    const created = await callerFor(db, marketer).segments.create(segmentInput(group(cond(signal.id)), { name: "Old-shaped", team: "CRM" }));
    const [row] = await db.select({ id: segmentVersions.id, data: segmentVersions.data }).from(segmentVersions).where(eq(segmentVersions.segmentId, created.id));
    // The shape of a version written before rationale, caps, team and the rest were added.
    const { rationale: _r, frequencyCaps: _f, minCohortSize: _m, recertifyBy: _b, tags: _t, ...old } = row!.data;
    await db.execute(sql`UPDATE segment_versions SET data = ${JSON.stringify(old)}::jsonb WHERE id = ${row!.id}`);

    await db.execute(sql.raw(backfill));

    const [after] = await db.select({ data: segmentVersions.data }).from(segmentVersions).where(eq(segmentVersions.id, row!.id));
    expect(after!.data).toEqual({
      ...old,
      rationale: { assumptions: "", limitations: "", expectedOutcomes: "" },
      frequencyCaps: {},
      minCohortSize: null,
      recertifyBy: null,
      tags: [],
    });
    expect(after!.data.team).toBe("CRM");
  });
});
