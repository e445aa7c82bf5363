import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { reviewRequests } from "@/server/db/schema";
import type { AuditActor } from "@/server/audit/record";
import { notify } from "@/server/modules/notifications/service";
import { enqueueEmail } from "@/server/modules/email/outbox";
import { reviewDecidedEmail } from "@/server/modules/email/render";
import { TYPE_LABELS } from "@/domain/review-rules";
import { applyReviewOutcome, closeRequest } from "@/server/modules/reviews/lifecycle";
import { decisionLink } from "@/server/modules/reviews/links";

const DAY = 86_400_000;

/** Requests undecided more than 30 days past due expire; a segment in review returns to draft. */
export async function expireStaleRequests(tx: Tx, actor: AuditActor, now: Date): Promise<number> {
  const stale = await tx
    .select()
    .from(reviewRequests)
    .where(sql`${reviewRequests.status} IN ('open', 'changes_requested') AND ${reviewRequests.dueAt} < ${new Date(now.getTime() - 30 * DAY).toISOString()}::timestamptz`)
    .orderBy(reviewRequests.id)
    .for("no key update");
  for (const r of stale) {
    await closeRequest(tx, actor, r, "expired", "more than 30 days past due");
    await applyReviewOutcome(tx, actor, r, "expired");
    await notify(tx, [r.requesterId], {
      kind: "decision",
      title: `Your request about “${r.subjectLabel}” expired`,
      body: "It stayed undecided for more than 30 days past its due date. Submit it again if it is still needed.",
      link: decisionLink(r),
    });
    await enqueueEmail(tx, [r.requesterId], (base) =>
      reviewDecidedEmail(base, {
        requestId: r.id,
        typeLabel: TYPE_LABELS[r.type],
        subjectLabel: r.subjectLabel,
        outcome: "expired",
        by: "Steward, 30 days past its due date",
        comment: "",
        segmentId: r.subjectType === "segment" ? r.subjectId : null,
      }),
    );
  }
  return stale.length;
}
