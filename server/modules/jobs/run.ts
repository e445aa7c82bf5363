import type { Db } from "@/server/db/client";
import type { AuditActor } from "@/server/audit/record";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { expireStaleRequests } from "./expiry";
import { openDueRecertifications, pauseOverdue } from "./recertification";
import { inTransaction } from "@/server/db/transaction";

/**
 * The scheduled work, in one transaction: re-certification requests when due, automatic pauses
 * when overdue beyond the grace period, and expiry of requests long past due.
 */
export async function runScheduledJobs(db: Db, now = new Date()) {
  const actor: AuditActor = { id: null, label: "system" };
  const { settings } = await currentPolicy(db);
  const graceDays = Math.max(7, Math.round(settings.recertificationDays / 12));
  return inTransaction(db, async (tx) => {
    const opened = await openDueRecertifications(tx, actor, now);
    const paused = await pauseOverdue(tx, actor, now, graceDays);
    const expired = await expireStaleRequests(tx, actor, now);
    return { opened, paused, expired };
  });
}
