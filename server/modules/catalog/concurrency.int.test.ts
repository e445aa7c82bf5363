import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, ref, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";

const PAIRS = 50;

describeEachDb("concurrent segment saves", (getDb) => {
  let steward: SessionUser;
  let signalIds: [string, string];
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    const sourceId = (await makeSource(getDb(), steward)).id;
    signalIds = [
      (await makeSignal(getDb(), steward, sourceId, { category: "user.behavior.email_engagement" })).id,
      (await makeSignal(getDb(), steward, sourceId, { category: "user.financial.credit_card", name: "Card on file" })).id,
    ];
  });

  // The parent's save re-evaluates (and locks) the child; the child's save references the parent
  // (a foreign key's KEY SHARE lock). With FOR UPDATE on the parent these deadlocked.
  it(`${PAIRS} parents and their children saved at the same moment: every save succeeds, each with its audit event`, async () => {
    const db = getDb();
    const m = callerFor(db, steward);
    const pairs: Array<{ parent: { id: string }; child: { id: string } }> = [];
    for (let i = 0; i < PAIRS; i++) {
      const parent = await m.segments.create(segmentInput(group(cond(signalIds[0])), { name: `Parent ${i}` }));
      const child = await m.segments.create(segmentInput(group(ref(parent.id), cond(signalIds[0], 3)), { name: `Child ${i}` }));
      pairs.push({ parent, child });
    }
    const started = new Date();
    const saves = pairs.flatMap(({ parent, child }) => [
      // The parent's inputs change sensitivity, so its save rewrites the child's row too.
      m.segments.update({ ...segmentInput(group(cond(signalIds[1])), { name: "Parent, changed" }), id: parent.id, baseVersion: 1 }),
      m.segments.update({ ...segmentInput(group(ref(parent.id), cond(signalIds[0], 4)), { name: "Child, changed" }), id: child.id, baseVersion: 1 }),
    ]);
    const results = await Promise.allSettled(saves);
    const failures = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const ids = pairs.flatMap((p) => [p.parent.id, p.child.id]);
    const [audited] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'segment.updated' AND occurred_at >= ${started.toISOString()}::timestamptz AND entity_id = ANY(${`{${ids.join(",")}}`}::text[])`,
      ),
    );
    expect(audited!.n).toBe(PAIRS * 2);
    for (const { parent, child } of pairs.slice(0, 3)) {
      expect((await m.segments.byId({ id: parent.id })).version).toBe(2);
      const c = await m.segments.byId({ id: child.id });
      expect(c.version).toBe(2);
      expect(c.sensitivity).toBe("restricted");
    }
  });
});
