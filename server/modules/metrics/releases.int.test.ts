import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, privacyBudgets, privacyReleases } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { activeSegment, gateCast, type GateCast } from "@/server/testing/activation";
import { describeEachDb } from "@/server/testing/db";
import { monthOf, releaseNumbers, spendBudget } from "./releases";

describeEachDb("privacy releases and the budget", (getDb) => {
  let cast: GateCast;
  let segmentIds: string[];
  const actor = () => ({ id: cast.marketer.id, label: cast.marketer.email });

  beforeAll(async () => {
    const db = getDb();
    cast = await gateCast(db);
    segmentIds = [(await activeSegment(db, cast)).seg.id, (await activeSegment(db, cast)).seg.id];
  });

  it("20 parallel spends never overspend: exactly as many as fit succeed", async () => {
    const db = getDb();
    const month = "2026-11-01";
    const spends = await Promise.all(Array.from({ length: 20 }, () => inTransaction(db, (tx) => spendBudget(tx, segmentIds[0]!, month, 0.15, 1))));
    expect(spends.filter((s) => s.ok)).toHaveLength(6);
    expect(spends.filter((s) => !s.ok).every((s) => s.spent === 0.9 && s.budget === 1)).toBe(true);
    const [row] = await db.select().from(privacyBudgets).where(eq(privacyBudgets.segmentId, segmentIds[0]!));
    expect(row).toMatchObject({ month, budget: "1.000000", spent: "0.900000" });
  });

  it("20 parallel releases spend the budget once each, and once it is spent release nothing new", async () => {
    const db = getDb();
    const at = new Date("2026-12-02T10:00:00Z");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        releaseNumbers(db, actor(), {
          segmentId: segmentIds[1]!,
          candidates: [{ key: `seg:${segmentIds[1]}|reached|email|treatment|${i}`, from: "2026-11-01", to: "2026-11-07", value: 1000 + i }],
          k: 50,
          via: "ui",
          dp: { epsilon: 0.25, monthlyBudget: 2 },
          at,
        }),
      ),
    );
    const released = outcomes.filter((o) => o.releases[0]!.released);
    expect(released).toHaveLength(8);
    const refused = outcomes.filter((o) => !o.releases[0]!.released);
    expect(refused.map((o) => o.releases[0])).toEqual(
      Array(12).fill({ released: false, reason: "budget", message: "the privacy budget for 2026-12 is spent (2 of 2); only numbers released before are shown" }),
    );
    expect(await db.select().from(privacyReleases).where(eq(privacyReleases.segmentId, segmentIds[1]!))).toHaveLength(8);
    const [budget] = await db.select().from(privacyBudgets).where(eq(privacyBudgets.segmentId, segmentIds[1]!));
    expect(budget).toMatchObject({ month: monthOf(at), spent: "2.000000" });
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "privacy.released"));
    expect(audits.filter((a) => a.entityId === segmentIds[1])).toHaveLength(20);
  });

  it("withholds a release that differs from a ledgered one by fewer than k, and does not ledger it", async () => {
    const db = getDb();
    const key = `seg:${segmentIds[0]}|reached|sms|treatment`;
    const first = await releaseNumbers(db, actor(), { segmentId: segmentIds[0]!, candidates: [{ key, from: "2026-11-01", to: "2026-11-07", value: 1200 }], k: 50, via: "csv" });
    expect(first.releases).toEqual([{ released: true, value: 1200 }]);
    const shifted = await releaseNumbers(db, actor(), {
      segmentId: segmentIds[0]!,
      candidates: [
        { key, from: "2026-11-01", to: "2026-11-08", value: 1203 },
        { key, from: "2026-11-01", to: "2026-11-07", value: 1200 },
      ],
      k: 50,
      via: "csv",
    });
    expect(shifted.releases[0]).toMatchObject({ released: false, reason: "difference", message: expect.stringContaining("differs by 3 from the number released on") });
    expect(shifted.releases[1]).toEqual({ released: true, value: 1200 });
    const ledger = await db.select().from(privacyReleases).where(eq(privacyReleases.cellKey, key));
    // The repeat through the same way out is recorded once.
    expect(ledger.map((r) => [r.fromDate, r.toDate, r.value, r.via])).toEqual([["2026-11-01", "2026-11-07", 1200, "csv"]]);
  });
});
