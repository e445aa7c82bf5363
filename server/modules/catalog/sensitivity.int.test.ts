import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, ref, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { maxSensitivity, SENSITIVITIES } from "@/domain/vocab";

describeEachDb("segment sensitivity", (getDb) => {
  let marketer: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const steward = await makeUser(getDb(), ["steward"]);
    marketer = await makeUser(getDb(), ["marketer"]);
    sourceId = (await makeSource(getDb(), steward)).id;
  });

  it("the database ranks sensitivities as domain/vocab does, so SQL sorting and max() agree with maxSensitivity", async () => {
    const db = getDb();
    const [range] = rowsOf<{ values: string[] | string }>(await db.execute(sql`SELECT enum_range(NULL::sensitivity)::text[] AS values`));
    const values = typeof range!.values === "string" ? range!.values.replace(/[{}]/g, "").split(",") : range!.values;
    expect(values).toEqual([...SENSITIVITIES]);
    for (const a of SENSITIVITIES) {
      for (const b of SENSITIVITIES) {
        const [row] = rowsOf<{ m: string }>(await db.execute(sql`SELECT greatest(${a}::sensitivity, ${b}::sensitivity)::text AS m`));
        expect(row!.m, `${a} vs ${b}`).toBe(maxSensitivity([a, b]));
      }
    }
  });

  it("a parent's change re-derives the segments below it: an override still above the inputs stays, one now below them gives way", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const internal = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement" });
    const restricted = await makeSignal(db, steward, sourceId, { category: "user.financial.credit_card", name: "Card on file" });
    const m = callerFor(db, marketer);
    const parent = await m.segments.create(segmentInput(group(cond(internal.id)), { name: "Engaged" }));
    const raised = await m.segments.create(segmentInput(group(ref(parent.id)), { name: "Engaged, raised", sensitivityOverride: "confidential" }));
    const plain = await m.segments.create(segmentInput(group(ref(parent.id)), { name: "Engaged, plain" }));
    const grandchild = await m.segments.create(segmentInput(group(ref(plain.id)), { name: "Engaged, plain, below" }));
    const sensitivities = async () =>
      Promise.all(
        [raised, plain, grandchild].map(async (s) => {
          const v = await m.segments.byId({ id: s.id });
          return [v.derivedSensitivity, v.sensitivity];
        }),
      );
    expect(await sensitivities()).toEqual([
      ["internal", "confidential"],
      ["internal", "internal"],
      ["internal", "internal"],
    ]);

    const v2 = await m.segments.update({ ...segmentInput(group(cond(restricted.id)), { name: "Engaged" }), id: parent.id, baseVersion: 1 });
    expect(await sensitivities()).toEqual([
      ["restricted", "restricted"],
      ["restricted", "restricted"],
      ["restricted", "restricted"],
    ]);

    await m.segments.update({ ...segmentInput(group(cond(internal.id)), { name: "Engaged" }), id: parent.id, baseVersion: v2.version });
    expect(await sensitivities()).toEqual([
      ["internal", "confidential"],
      ["internal", "internal"],
      ["internal", "internal"],
    ]);
  });
});
