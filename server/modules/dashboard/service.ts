import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { counter, countersJson, countersOf } from "@/server/db/counters";
import { catalogNonEmpty } from "@/server/modules/catalog/sample/status";
import { recertificationDue } from "@/server/modules/catalog/segments.queries";

interface CountsRow {
  active_users: number;
  consent_purposes: number;
  data_categories: number;
  special_categories: number;
  recert_due_soon: number;
  overdue_reviews: number;
  counters: Parameters<typeof countersOf>[1];
  nonempty: boolean;
}

/**
 * Every figure the dashboard shows. Catalog and review totals come from counters kept by
 * triggers (server/db/counters.ts), so a view costs the same at 100,000 segments as at 100;
 * the figures that depend on the clock read partial indexes that hold only the rows due; people
 * and taxonomy stay small enough to count.
 */
export async function dashboardSummary(db: DbOrTx, now: Date = new Date()) {
  // One statement: on a busy server each round trip costs more than these small reads.
  const [c] = rowsOf<CountsRow>(
    await db.execute(
      sql`
      SELECT
        (SELECT count(*) FROM users WHERE disabled_at IS NULL)::int AS active_users,
        (SELECT count(*) FROM consent_purposes WHERE retired_at IS NULL)::int AS consent_purposes,
        (SELECT count(*) FROM data_categories WHERE retired_at IS NULL)::int AS data_categories,
        (SELECT count(*) FROM data_categories WHERE retired_at IS NULL AND is_special_category)::int AS special_categories,
        (SELECT count(*) FROM segments WHERE ${recertificationDue})::int AS recert_due_soon,
        (SELECT count(*) FROM review_requests WHERE status IN ('open', 'changes_requested') AND due_at < ${now.toISOString()}::timestamptz)::int AS overdue_reviews,
        ${countersJson("")} AS counters,
        ${catalogNonEmpty} AS nonempty`,
    ),
  );
  if (!c) throw new Error("dashboard counts returned no row");
  const counts = await countersOf(db, c.counters);
  const empty = !c.nonempty;
  const n = (key: string) => counter(counts, key);
  return {
    activeUsers: c.active_users,
    consentPurposes: c.consent_purposes,
    dataCategories: c.data_categories,
    specialCategories: c.special_categories,
    sources: n("sources:active"),
    signals: n("signals:active"),
    segmentsByStatus: { draft: n("segments:draft"), in_review: n("segments:in_review"), approved: n("segments:approved"), active: n("segments:active"), paused: n("segments:paused") },
    /** Active segments that became blocked because an input's consent changed. */
    consentChangedUpstream: n("segments:consent_changed"),
    /** Active segments whose re-certification date falls within RECERT_DUE_SOON_DAYS (or has passed). */
    recertificationDueSoon: c.recert_due_soon,
    openReviews: n("reviews:open"),
    overdueReviews: c.overdue_reviews,
    /** No source, signal or segment yet: the dashboard offers the sample workspace. */
    catalogEmpty: empty,
  };
}
