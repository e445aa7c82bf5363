import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { counter, countersJson, countersOf } from "@/server/db/counters";
import { rowsOf } from "@/server/db/rows";
import { coveredByException } from "./exception-cover";

export interface FindingCount {
  policyKey: string;
  blocked: number;
  waived: number;
  warnings: number;
}

/**
 * Per check: segments it blocks (no unexpired exception covers the finding), segments whose
 * blocking finding an exception waives, and segments it warns about. Head versions of segments
 * that are not retired; "blocked" matches the catalog's blocked filter.
 *
 * Read from counters (segment_finding_keys, count_deltas), which count every unrevoked
 * exception as covering; the few (segment, check) rows that rely on an exception expired by
 * `now` are decided again here, at `now`, and the counts corrected by the difference.
 */
export async function findingCounts(db: DbOrTx, now = new Date()): Promise<FindingCount[]> {
  // The counters and the expired waivers in one statement (one round trip, not two).
  const [row] = rowsOf<{ counters: Parameters<typeof countersOf>[1]; stale: Stale[] | string }>(
    await db.execute(sql`SELECT ${countersJson("findings:")} AS counters, (SELECT coalesce(json_agg(w), '[]'::json) FROM (${expiredWaivers(now)}) w) AS stale`),
  );
  const counts = await countersOf(db, row?.counters ?? []);
  const stale: Stale[] = typeof row?.stale === "string" ? (JSON.parse(row.stale) as Stale[]) : (row?.stale ?? []);
  const byKey = new Map<string, FindingCount>();
  const entry = (policyKey: string) => {
    let e = byKey.get(policyKey);
    if (!e) byKey.set(policyKey, (e = { policyKey, blocked: 0, waived: 0, warnings: 0 }));
    return e;
  };
  for (const key of counts.keys()) {
    const [, kind, policyKey] = /^findings:(blocked|waived|warned):(.*)$/s.exec(key) ?? [];
    if (!kind || policyKey === undefined) continue;
    const n = counter(counts, key);
    if (kind === "blocked") entry(policyKey).blocked += n;
    else if (kind === "waived") entry(policyKey).waived += n;
    else entry(policyKey).warnings += n;
  }
  for (const s of stale) {
    const e = entry(s.policyKey);
    e.blocked += Number(s.blocked_now) - Number(s.blocked);
    e.waived += Number(s.waived_now) - Number(s.waived);
  }
  return [...byKey.values()].filter((e) => e.blocked || e.waived || e.warnings).sort((a, b) => (a.policyKey < b.policyKey ? -1 : a.policyKey > b.policyKey ? 1 : 0));
}

type Stale = { policyKey: string; blocked: boolean; waived: boolean; blocked_now: boolean; waived_now: boolean };

/** The counted (segment, check) rows whose waiver has expired by `now`, with their state at `now`. */
function expiredWaivers(now: Date) {
  return sql`
      SELECT k.policy_key AS "policyKey", k.blocked, k.waived, d.blocked_now, d.waived_now
      FROM segment_finding_keys k
      CROSS JOIN LATERAL (
        SELECT coalesce(bool_or(c.severity = 'block' AND NOT c.covered), false) AS blocked_now,
          coalesce(bool_or(c.severity = 'block' AND c.covered), false) AS waived_now
        FROM (
          SELECT f.severity, ${coveredByException(now)} AS covered
          FROM segment_findings f
          JOIN segments s ON s.id = f.segment_id AND s.version = f.segment_version
          WHERE f.segment_id = k.segment_id AND f.policy_key = k.policy_key
        ) c
      ) d
      WHERE k.waiver_expires_at IS NOT NULL AND k.waiver_expires_at <= ${now.toISOString()}::timestamptz`;
}
