import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { catalogIsEmpty } from "@/server/modules/catalog/sample/status";
import { recertificationDue } from "@/server/modules/catalog/segments.queries";

interface CountsRow {
  active_users: number;
  consent_purposes: number;
  data_categories: number;
  special_categories: number;
  sources: number;
  signals: number;
  draft: number;
  in_review: number;
  approved: number;
  active: number;
  paused: number;
  consent_changed: number;
  recert_due_soon: number;
  open_reviews: number;
  overdue_reviews: number;
}

/** One round trip: every figure the dashboard shows, counted by the database. */
export async function dashboardSummary(db: DbOrTx, now: Date = new Date()) {
  const [[c], empty] = await Promise.all([
    db
      .execute(
        sql`
      SELECT
        (SELECT count(*) FROM users WHERE disabled_at IS NULL)::int AS active_users,
        (SELECT count(*) FROM consent_purposes WHERE retired_at IS NULL)::int AS consent_purposes,
        (SELECT count(*) FROM data_categories WHERE retired_at IS NULL)::int AS data_categories,
        (SELECT count(*) FROM data_categories WHERE retired_at IS NULL AND is_special_category)::int AS special_categories,
        (SELECT count(*) FROM data_sources WHERE retired_at IS NULL)::int AS sources,
        (SELECT count(*) FROM signals WHERE retired_at IS NULL)::int AS signals,
        s.draft, s.in_review, s.approved, s.active, s.paused, s.consent_changed, s.recert_due_soon,
        r.open_reviews, r.overdue_reviews
      FROM (
        SELECT
          count(*) FILTER (WHERE status = 'draft')::int AS draft,
          count(*) FILTER (WHERE status = 'in_review')::int AS in_review,
          count(*) FILTER (WHERE status = 'approved')::int AS approved,
          count(*) FILTER (WHERE status = 'active')::int AS active,
          count(*) FILTER (WHERE status = 'paused')::int AS paused,
          count(*) FILTER (WHERE consent_changed_upstream AND status <> 'retired')::int AS consent_changed,
          count(*) FILTER (WHERE ${recertificationDue})::int AS recert_due_soon
        FROM segments) s,
      (
        SELECT
          count(*) FILTER (WHERE status IN ('open', 'changes_requested'))::int AS open_reviews,
          count(*) FILTER (WHERE status IN ('open', 'changes_requested') AND due_at < ${now.toISOString()}::timestamptz)::int AS overdue_reviews
        FROM review_requests) r`,
      )
      .then((res) => rowsOf<CountsRow>(res)),
    catalogIsEmpty(db),
  ]);
  if (!c) throw new Error("dashboard counts returned no row");
  return {
    activeUsers: c.active_users,
    consentPurposes: c.consent_purposes,
    dataCategories: c.data_categories,
    specialCategories: c.special_categories,
    sources: c.sources,
    signals: c.signals,
    segmentsByStatus: { draft: c.draft, in_review: c.in_review, approved: c.approved, active: c.active, paused: c.paused },
    /** Active segments that became blocked because an input's consent changed. */
    consentChangedUpstream: c.consent_changed,
    /** Active segments whose re-certification date falls within RECERT_DUE_SOON_DAYS (or has passed). */
    recertificationDueSoon: c.recert_due_soon,
    openReviews: c.open_reviews,
    overdueReviews: c.overdue_reviews,
    /** No source, signal or segment yet: the dashboard offers the sample workspace. */
    catalogEmpty: empty,
  };
}
