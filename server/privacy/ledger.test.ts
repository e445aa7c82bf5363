import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDifference, protectAgainstLedger, type LedgerEntry } from "./ledger";

const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

/** Daily counts per key, and releases (date ranges, their true sums) drawn from them. */
const world = fc.record({
  k: fc.integer({ min: 1, max: 60 }),
  daily: fc.dictionary(fc.constantFrom("a", "b"), fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 300 })), { minLength: 14, maxLength: 14 }), {
    minKeys: 2,
    maxKeys: 2,
  }),
  ranges: fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 13 })), { minLength: 1, maxLength: 8 }),
  candidate: fc.tuple(fc.constantFrom("a", "b"), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 13 })),
});

const release = (daily: Record<string, number[]>, [key, x, y]: [string, number, number]): LedgerEntry => {
  const [lo, hi] = x <= y ? [x, y] : [y, x];
  return { key, from: day(lo), to: day(hi), value: daily[key]!.slice(lo, hi + 1).reduce((s, v) => s + v, 0) };
};

describe("difference protection", () => {
  it("refuses every new release that, with an earlier one of the same key, isolates fewer than k people", () => {
    fc.assert(
      fc.property(world, ({ k, daily, ranges, candidate }) => {
        const ledger = ranges.map((r) => release(daily, r));
        const next = release(daily, candidate);
        // The test's own count, from the days: a range nested in another isolates the people of the days between.
        const span = (e: LedgerEntry) => [e.from, e.to];
        const daysOf = (e: LedgerEntry) => new Set(Array.from({ length: 14 }, (_, i) => day(i)).filter((d) => d >= span(e)[0]! && d <= span(e)[1]!));
        const nestedSmall = ledger.filter((e) => {
          if (e.key !== next.key || (e.from === next.from && e.to === next.to)) return false;
          const [a, b] = [daysOf(e), daysOf(next)];
          const [inner, outer] = a.size <= b.size ? [a, b] : [b, a];
          if (![...inner].every((d) => outer.has(d))) return false;
          const between = [...outer].filter((d) => !inner.has(d)).reduce((s, d) => s + daily[e.key]![Number(d.slice(8, 10)) - 1]!, 0);
          return between < k;
        });
        const check = checkDifference(next, ledger, k);
        if (nestedSmall.length > 0) expect(check.ok).toBe(false);
        // …and it refuses nothing whose every earlier release of the key differs from it by k or more.
        const overlaps = (e: LedgerEntry) => e.from <= next.to && next.from <= e.to;
        const close = ledger.filter((e) => e.key === next.key && overlaps(e) && (e.from !== next.from || e.to !== next.to || e.value !== next.value) && Math.abs(e.value - next.value) < k);
        expect(check.ok).toBe(close.length === 0);
        if (!check.ok) expect(check.isolated).toBeLessThan(k);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses the one-day shift that would isolate a small day, and explains why", () => {
    const ledger: LedgerEntry[] = [{ key: "seg1|reached|email|treatment", from: "2026-11-01", to: "2026-11-07", value: 1200, releasedAt: "2026-11-08T09:00:00Z" }];
    const shifted = { key: "seg1|reached|email|treatment", from: "2026-11-01", to: "2026-11-08", value: 1203 };
    expect(protectAgainstLedger(shifted, ledger, 50)).toEqual({
      released: false,
      reason: "difference",
      message: "withheld: it differs by 3 from the number released on 2026-11-08 for 2026-11-01 to 2026-11-07, and fewer than 50 people must never be told apart",
    });
    expect(protectAgainstLedger({ ...shifted, value: 1290 }, ledger, 50)).toEqual({ released: true, value: 1290 });
  });

  it("lets a repeat of the same release through, but not a re-sent total that changed by a few", () => {
    const ledger: LedgerEntry[] = [{ key: "k", from: "2026-11-01", to: "2026-11-07", value: 1200 }];
    expect(checkDifference({ key: "k", from: "2026-11-01", to: "2026-11-07", value: 1200 }, ledger, 50).ok).toBe(true);
    expect(checkDifference({ key: "k", from: "2026-11-01", to: "2026-11-07", value: 1201 }, ledger, 50).ok).toBe(false);
    expect(checkDifference({ key: "k", from: "2026-11-02", to: "2026-11-07", value: 1200 }, ledger, 50).ok).toBe(false);
    expect(checkDifference({ key: "other", from: "2026-11-02", to: "2026-11-07", value: 1199 }, ledger, 50).ok).toBe(true);
    // Separate days (the next week of a weekly series) subtract to no group of people.
    expect(checkDifference({ key: "k", from: "2026-11-08", to: "2026-11-14", value: 1190 }, ledger, 50).ok).toBe(true);
  });
});
