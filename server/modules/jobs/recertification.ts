import { formatDate } from "@/domain/dates";
import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { lockForTransaction } from "@/server/db/advisory-lock";
import { segments } from "@/server/db/schema";
import type { AuditActor } from "@/server/audit/record";
import { statusAfter } from "@/domain/segment-lifecycle";
import { notify } from "@/server/modules/notifications/service";
import { findingsOf } from "@/server/modules/policy/findings.service";
import { openRequest, segmentHead } from "@/server/modules/reviews/requests";
import { setSegmentStatus } from "@/server/modules/reviews/lifecycle";

const DAY = 86_400_000;

/**
 * Active segments whose re-certification date has come get a request, unless one is open.
 * Two runs at once (two server processes, or one by hand) both see the segment as due: the
 * `NOT EXISTS` above is read before the other run commits, and the segment's row lock does not
 * cover a request row that does not exist yet. So each segment is opened under an advisory lock
 * named for it, and checked again after it: the second run waits, then sees the first's request.
 */
export async function openDueRecertifications(tx: Tx, actor: AuditActor, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const due = rowsOf<{ id: string }>(
    await tx.execute(sql`
      SELECT s.id FROM segments s
      WHERE s.status = 'active' AND s.recertify_by IS NOT NULL AND s.recertify_by <= ${today}::date
        AND NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.subject_id = s.id AND r.type = 'recertification' AND r.status IN ('open', 'changes_requested'))
      FOR UPDATE OF s`),
  );
  let opened = 0;
  for (const { id } of due) {
    await lockForTransaction(tx, "recertification", id);
    const alreadyOpen = rowsOf(
      await tx.execute(sql`SELECT 1 FROM review_requests WHERE subject_id = ${id} AND type = 'recertification' AND status IN ('open', 'changes_requested') LIMIT 1`),
    );
    if (alreadyOpen.length > 0) continue;
    opened++;
    const head = await segmentHead(tx, id);
    await openRequest(
      tx,
      actor,
      {
        type: "recertification",
        subjectType: "segment",
        subjectId: id,
        subjectVersion: head.s.version,
        subjectLabel: head.s.name,
        subjectSnapshot: null,
        requesterId: null,
        authorId: head.authorId,
        justification: `Re-certification was due on ${formatDate(head.s.recertifyBy)}. Confirm that the segment is still needed and still fits the consent behind it.`,
        sensitivity: head.s.sensitivity,
        findingCount: (await findingsOf(tx, id, head.s.version)).length,
      },
      now,
    );
  }
  return opened;
}

/** Active segments overdue beyond the grace period are paused, audited, and their owner told. */
export async function pauseOverdue(tx: Tx, actor: AuditActor, now: Date, graceDays: number): Promise<number> {
  const graceLimit = new Date(now.getTime() - graceDays * DAY).toISOString().slice(0, 10);
  const overdue = await tx
    .select()
    .from(segments)
    .where(sql`${segments.status} = 'active' AND ${segments.recertifyBy} IS NOT NULL AND ${segments.recertifyBy} < ${graceLimit}::date`)
    .orderBy(segments.id)
    .for("no key update");
  for (const seg of overdue) {
    const next = statusAfter(seg.status, "auto_pause")!;
    await setSegmentStatus(tx, actor, seg, next, `re-certification overdue since ${formatDate(seg.recertifyBy)} (grace ${graceDays} days)`, "recertification_overdue");
    await notify(tx, [seg.ownerId], {
      kind: "auto_pause",
      title: `“${seg.name}” was paused`,
      body: `Its re-certification was due on ${formatDate(seg.recertifyBy)} and is more than ${graceDays} days overdue. Get it re-certified, then activate it again.`,
      link: `/catalog/segments/${seg.id}`,
    });
  }
  return overdue.length;
}
