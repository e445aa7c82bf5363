/**
 * The evidence pack's privacy section (privacy rule 4): how the segment's reports leave Steward
 * (with noise or not, and who chose), each month's epsilon budget and spend, and the ledger of
 * every number released. The ledger lists numbers already released, so the pack releases nothing new.
 */
import { asc, eq } from "drizzle-orm";
import { csvRow } from "@/domain/csv";
import type { Db } from "@/server/db/client";
import { privacyBudgets, privacyReleases, segmentPrivacyModes, users } from "@/server/db/schema";
import { currentPolicy } from "@/server/modules/policy/settings.service";

export async function privacyEvidence(db: Db, segmentId: string) {
  const [{ settings }, [mode], budgets, ledger] = await Promise.all([
    currentPolicy(db),
    db
      .select({ differentialPrivacy: segmentPrivacyModes.differentialPrivacy, reason: segmentPrivacyModes.reason, setBy: users.name, setAt: segmentPrivacyModes.setAt })
      .from(segmentPrivacyModes)
      .innerJoin(users, eq(users.id, segmentPrivacyModes.setById))
      .where(eq(segmentPrivacyModes.segmentId, segmentId)),
    db
      .select({ month: privacyBudgets.month, budget: privacyBudgets.budget, spent: privacyBudgets.spent })
      .from(privacyBudgets)
      .where(eq(privacyBudgets.segmentId, segmentId))
      .orderBy(asc(privacyBudgets.month)),
    db
      .select({
        cellKey: privacyReleases.cellKey,
        from: privacyReleases.fromDate,
        to: privacyReleases.toDate,
        value: privacyReleases.value,
        epsilon: privacyReleases.epsilon,
        via: privacyReleases.via,
        releasedBy: users.name,
        releasedAt: privacyReleases.releasedAt,
      })
      .from(privacyReleases)
      .leftJoin(users, eq(users.id, privacyReleases.releasedById))
      .where(eq(privacyReleases.segmentId, segmentId))
      .orderBy(asc(privacyReleases.id)),
  ]);
  return {
    mode: mode
      ? { differentialPrivacy: mode.differentialPrivacy, source: "segment" as const, reason: mode.reason, setBy: mode.setBy, setAt: mode.setAt }
      : { differentialPrivacy: settings.differentialPrivacy.defaultOn, source: "policy" as const },
    policy: settings.differentialPrivacy,
    budgets: budgets.map((b) => ({ month: b.month.slice(0, 7), budget: Number(b.budget), spent: Number(b.spent) })),
    ledger: ledger.map((r) => ({ ...r, epsilon: r.epsilon === null ? null : Number(r.epsilon) })),
  };
}

export type PrivacyEvidence = Awaited<ReturnType<typeof privacyEvidence>>;

/** The ledger as CSV (one released number per line; the audit export's encoder), for a spreadsheet. */
export function ledgerCsv(ledger: PrivacyEvidence["ledger"]): string {
  let out = csvRow(["cell_key", "from", "to", "value", "epsilon", "via", "released_by", "released_at"]);
  for (const r of ledger) out += csvRow([r.cellKey, r.from, r.to, String(r.value), r.epsilon === null ? null : String(r.epsilon), r.via, r.releasedBy, r.releasedAt.toISOString()]);
  return out;
}
