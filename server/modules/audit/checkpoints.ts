import type { Db } from "@/server/db/client";
import { GENESIS_HASH } from "@/server/audit/canonical";
import { signCheckpoint, type Checkpoint } from "@/server/audit/checkpoint";
import { serverEnv } from "@/server/env";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { preconditionFailed } from "@/server/errors";
import { scanChain } from "./chain";
import { inTransaction } from "@/server/db/transaction";

/** The configured key, or a domain error that says how to configure it. */
export function requireCheckpointKey(): string {
  const key = serverEnv().checkpointKey;
  if (!key) throw preconditionFailed("Signed checkpoints need a key: set STEWARD_AUDIT_CHECKPOINT_KEY on the server.");
  return key;
}

/** Verifies the chain, then signs its head; refuses to vouch for a broken chain. */
export async function issueCheckpoint(db: Db, actor: AuditActor): Promise<Checkpoint> {
  const key = requireCheckpointKey();
  const scan = await scanChain(db);
  if (scan.broken) throw preconditionFailed(`The audit trail is broken at event ${scan.broken.seq}, so no checkpoint was signed. ${scan.broken.message}`);
  const checkpoint = signCheckpoint(scan.head ?? { seq: 0, hash: GENESIS_HASH }, key);
  await inTransaction(db, (tx) =>
    recordAudit(tx, {
      actor,
      action: "audit.checkpoint_signed",
      entityType: "audit_chain",
      entityId: String(checkpoint.seq),
      after: { seq: checkpoint.seq, hash: checkpoint.hash },
    }),
  );
  return checkpoint;
}
