import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { recordAudit, SYSTEM_ACTOR } from "@/server/audit/record";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { inTransaction } from "./transaction";

const eventsFor = async (db: Parameters<typeof inTransaction>[0], entityId: string) =>
  rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${entityId}`))[0]!.n;

describeEachDb("inTransaction", (getDb, kind) => {
  it("runs a transaction that failed with a serialization failure again, and the first attempt's writes and audit event are gone", async () => {
    const db = getDb();
    const entityId = `retry-${Date.now()}`;
    let attempts = 0;
    const retried: number[] = [];
    const result = await inTransaction(
      db,
      async (tx) => {
        attempts++;
        await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "user.updated", entityType: "test", entityId });
        if (attempts === 1) throw Object.assign(new Error("could not serialize access"), { code: "40001" });
        return attempts;
      },
      { onRetry: (n) => retried.push(n) },
    );
    expect(result).toBe(2);
    expect(retried).toEqual([1]);
    expect(await eventsFor(db, entityId)).toBe(1);
  });

  it("gives up after the retries and passes the error on; other errors are not retried", async () => {
    const db = getDb();
    let attempts = 0;
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    await expect(
      inTransaction(db, async () => {
        attempts++;
        throw new Error("wrapped", { cause: deadlock });
      }),
    ).rejects.toThrow("wrapped");
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(
      inTransaction(db, async () => {
        attempts++;
        throw Object.assign(new Error("unique"), { code: "23505" });
      }),
    ).rejects.toThrow("unique");
    expect(attempts).toBe(1);
  });

  // PGlite is one connection: two transactions never run at once there.
  if (kind === "postgres")
    it("two transactions that lock two rows in opposite orders both commit: PostgreSQL ends one with 40P01 and it runs again", async () => {
      const db = getDb();
      await db.execute(sql`CREATE TABLE IF NOT EXISTS deadlock_probe (id int PRIMARY KEY, n int NOT NULL)`);
      await db.execute(sql`INSERT INTO deadlock_probe VALUES (1, 0), (2, 0) ON CONFLICT (id) DO UPDATE SET n = 0`);
      const retries: unknown[] = [];
      let arrived = 0;
      let release!: () => void;
      const bothHoldTheirFirstLock = new Promise<void>((r) => (release = r));
      const lockBoth = (first: number, second: number, entityId: string) =>
        inTransaction(
          db,
          async (tx) => {
            await tx.execute(sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${first}`);
            // Only the first attempts wait for each other; the retry runs alone.
            if (++arrived === 2) release();
            if (arrived <= 2) await bothHoldTheirFirstLock;
            await tx.execute(sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${second}`);
            await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "user.updated", entityType: "test", entityId });
          },
          { onRetry: (_n, err) => retries.push(err) },
        );
      const tag = `deadlock-${Date.now()}`;
      await Promise.all([lockBoth(1, 2, `${tag}-a`), lockBoth(2, 1, `${tag}-b`)]);
      expect(retries).toHaveLength(1);
      expect((retries[0] as { code?: string }).code ?? (retries[0] as { cause?: { code?: string } }).cause?.code).toBe("40P01");
      const rows = rowsOf<{ n: number }>(await db.execute(sql`SELECT n FROM deadlock_probe ORDER BY id`));
      expect(rows.map((r) => r.n)).toEqual([2, 2]);
      expect(await eventsFor(db, `${tag}-a`)).toBe(1);
      expect(await eventsFor(db, `${tag}-b`)).toBe(1);
    });
});
