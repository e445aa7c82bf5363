import type { Tx } from "@/server/db/client";
import type { AuditActor } from "@/server/audit/record";
import { propagateSignalChange } from "@/server/modules/policy/propagation.service";
import { openRequest } from "./requests";
import { usersWithRoles } from "@/server/modules/notifications/service";
import { enqueueEmail } from "@/server/modules/email/outbox";
import { consentAlertEmail } from "@/server/modules/email/render";

/**
 * A signal's consent or its source's jurisdictions changed: every segment downstream is
 * re-evaluated (policy/propagation), and each active segment that became blocked gets a
 * re-review, opened by Steward itself; it stays blocked until approved again.
 */
export async function propagateAndReReview(tx: Tx, actor: AuditActor, signalIds: string[], what: string) {
  const { reevaluated, flagged } = await propagateSignalChange(tx, actor, signalIds, what);
  for (const s of flagged) {
    await openRequest(
      tx,
      { id: null, label: "system" },
      {
        type: "segment_approval",
        subjectType: "segment",
        subjectId: s.id,
        subjectVersion: s.version,
        subjectLabel: s.name,
        subjectSnapshot: null,
        requesterId: null,
        authorId: s.authorId,
        justification: `Re-review opened automatically: ${what}, and this active segment now has blocking findings.`,
        sensitivity: s.sensitivity,
        findingCount: s.findingCount,
      },
    );
  }
  // Privacy officers hear of it once per change, listing the blocked segments; the re-reviews
  // above also reach the reviewers, but a consent change is news even to those not on them.
  if (flagged.length)
    await enqueueEmail(tx, await usersWithRoles(tx, ["privacy_officer"], [actor.id]), (base) =>
      consentAlertEmail(base, { what, segments: flagged.map((s) => ({ id: s.id, name: s.name })) }),
    );
  return { reevaluated, flagged: flagged.map((s) => s.id) };
}
