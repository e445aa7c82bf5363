/**
 * The withdrawal-spike multiple is a policy setting: changing it saves a new policy version
 * (audited as policy.updated, with the reason), like every other policy change.
 */
import type { AuditActor } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { updatePolicy } from "@/server/modules/policy/policy.service";
import { currentPolicy } from "@/server/modules/policy/settings.service";

export async function setSpikeMultiple(db: Db, actor: AuditActor, input: { multiple: number; reason: string }) {
  const { settings } = await currentPolicy(db);
  return updatePolicy(db, actor, { ...settings, withdrawalSpikeMultiple: input.multiple, reason: input.reason });
}
