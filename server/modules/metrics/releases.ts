/**
 * Where the privacy rules meet the database: the ledger of released numbers (rule 3) and the
 * monthly epsilon budget (rule 4). Every number a report, export, API answer or evidence pack
 * shows goes through `releaseNumbers`, after the threshold and complementary suppression.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { lockForTransaction } from "@/server/db/advisory-lock";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { Db, Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { privacyBudgets, privacyReleases } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { protectAgainstLedger, type Candidate, type LedgerEntry } from "@/server/privacy/ledger";
import type { Release } from "@/server/privacy/threshold";

/** The first day of `at`'s month (UTC): budgets are kept per calendar month. */
export const monthOf = (at: Date) => `${at.toISOString().slice(0, 7)}-01`;

export type Spend = { ok: true; spent: number; budget: number } | { ok: false; spent: number; budget: number };

/**
 * Spends `epsilon` from the segment's budget for the month, or nothing when it would go over.
 * The month's row is created with `monthlyBudget` by its first spend; the UPDATE's condition is
 * checked again on the row's newest version when it waits for a concurrent spend's lock, so no
 * interleaving of concurrent spends can overspend (the CHECK constraint is the backstop).
 */
export async function spendBudget(tx: Tx, segmentId: string, month: string, epsilon: number, monthlyBudget: number): Promise<Spend> {
  if (!(epsilon > 0)) throw new RangeError("epsilon must be positive.");
  await tx
    .insert(privacyBudgets)
    .values({ segmentId, month, budget: String(monthlyBudget) })
    .onConflictDoNothing();
  const [spent] = rowsOf<{ spent: string; budget: string }>(
    await tx.execute(sql`
      UPDATE privacy_budgets SET spent = spent + ${String(epsilon)}::numeric, updated_at = now()
      WHERE segment_id = ${segmentId}::uuid AND month = ${month}::date AND spent + ${String(epsilon)}::numeric <= budget
      RETURNING spent::text, budget::text`),
  );
  if (spent) return { ok: true, spent: Number(spent.spent), budget: Number(spent.budget) };
  const [row] = await tx
    .select({ spent: privacyBudgets.spent, budget: privacyBudgets.budget })
    .from(privacyBudgets)
    .where(and(eq(privacyBudgets.segmentId, segmentId), eq(privacyBudgets.month, month)));
  return { ok: false, spent: Number(row!.spent), budget: Number(row!.budget) };
}

/** The earlier releases of these cell keys, with how each left. */
export async function ledgerFor(tx: Tx, keys: string[]): Promise<Array<LedgerEntry & { via: string }>> {
  if (!keys.length) return [];
  const rows = await tx
    .select({
      key: privacyReleases.cellKey,
      from: privacyReleases.fromDate,
      to: privacyReleases.toDate,
      value: privacyReleases.value,
      via: privacyReleases.via,
      releasedAt: privacyReleases.releasedAt,
    })
    .from(privacyReleases)
    .where(inArray(privacyReleases.cellKey, keys));
  return rows.map((r) => ({ ...r, releasedAt: r.releasedAt.toISOString() }));
}

const entryId = (e: { key: string; from: string; to: string; value: number }, via: string) => `${e.key}@${e.from}..${e.to}=${e.value}:${via}`;

export interface ReleaseRequest {
  /** The segment the numbers describe (null for consent figures). */
  segmentId: string | null;
  /** Counts that passed the threshold and complementary suppression. */
  candidates: Candidate[];
  k: number;
  via: "ui" | "csv" | "api" | "evidence";
  /** With differential privacy: the epsilon this release spends and the month's budget (policy-set). */
  dp?: { epsilon: number; monthlyBudget: number };
  at?: Date;
}

export type ReleaseOutcome = { releases: Release[]; spend: Spend | null };

/**
 * Applies difference protection against the ledger, spends the budget when noise is used, and
 * records what is released, with one audit event, in one transaction. Releases of one segment
 * are serialised (an advisory lock), so two concurrent ones cannot both pass the ledger check
 * against each other. When the budget is spent nothing new is released: each candidate is
 * withheld with reason "budget" and the caller shows the numbers released before.
 */
export async function releaseNumbers(db: Db, actor: AuditActor, req: ReleaseRequest): Promise<ReleaseOutcome> {
  const at = req.at ?? new Date();
  return inTransaction(db, async (tx) => {
    await lockForTransaction(tx, "privacy-release", req.segmentId ?? "consent");
    let spend: Spend | null = null;
    let releases: Release[];
    let known = new Set<string>();
    if (req.dp && !req.segmentId) throw new RangeError("A differential-privacy release belongs to a segment.");
    if (req.dp) spend = await spendBudget(tx, req.segmentId!, monthOf(at), req.dp.epsilon, req.dp.monthlyBudget);
    if (spend && !spend.ok) {
      const message = `the privacy budget for ${monthOf(at).slice(0, 7)} is spent (${spend.spent} of ${spend.budget}); only numbers released before are shown`;
      releases = req.candidates.map(() => ({ released: false, reason: "budget", message }));
    } else if (req.dp) {
      // With noise, the budget stands in for difference protection: every release spends epsilon,
      // and what two noisy releases differ by is noise too (sequential composition bounds it).
      releases = req.candidates.map((c) => ({ released: true, value: c.value }));
    } else {
      const ledger = await ledgerFor(
        tx,
        req.candidates.map((c) => c.key),
      );
      releases = req.candidates.map((c) => protectAgainstLedger(c, ledger, req.k));
      known = new Set(ledger.map((e) => entryId(e, e.via)));
    }
    const released = req.candidates.filter((_, i) => releases[i]!.released);
    // A repeat (same key, days, value and way out) is recorded once: a report viewed again must not grow the ledger.
    const fresh = req.dp ? released : released.filter((c) => !known.has(entryId(c, req.via)));
    if (fresh.length) {
      await tx.insert(privacyReleases).values(
        fresh.map((c) => ({
          segmentId: req.segmentId,
          cellKey: c.key,
          fromDate: c.from,
          toDate: c.to,
          value: c.value,
          epsilon: req.dp ? String(req.dp.epsilon) : null,
          via: req.via,
          releasedById: actor.id,
          releasedAt: at,
        })),
      );
    }
    // Audited even when nothing was released: the month's budget row may have been opened, and a refusal is worth knowing.
    await recordAudit(tx, {
      actor,
      action: "privacy.released",
      entityType: req.segmentId ? "segment" : "consent_metrics",
      entityId: req.segmentId,
      after: {
        via: req.via,
        released: released.length,
        withheld: releases.length - released.length,
        epsilon: req.dp?.epsilon ?? null,
        spent: spend?.spent ?? null,
        budgetSpent: spend ? !spend.ok : false,
      },
    });
    return { releases, spend };
  });
}
