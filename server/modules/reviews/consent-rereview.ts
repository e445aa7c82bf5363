import type { Tx } from "@/server/db/client";
import type { AuditActor } from "@/server/audit/record";
import { reevaluateAfterSignalChange } from "@/server/modules/policy/propagation.service";
import { openRequest } from "./service";

/**
 * After a signal's consent (or its source's jurisdictions) changed: re-evaluates every segment
 * downstream in the caller's transaction, flags active segments that became blocked, and opens a
 * re-review for each. The segment stays blocked until it is approved again.
 */
export async function propagateSignalChange(tx: Tx, actor: AuditActor, signalIds: string[], what: string) {
  const { reevaluated, flagged } = await reevaluateAfterSignalChange(tx, actor, signalIds, what);
  for (const s of flagged) {
    await openRequest(tx, { id: null, label: "system" }, {
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
    });
  }
  return { reevaluated, flagged: flagged.map((s) => s.id) };
}
