import type { DbOrTx } from "@/server/db/client";
import { checkpointSignatureValid, type Checkpoint } from "@/server/audit/checkpoint";
import { serverEnv } from "@/server/env";
import { hashAt, scanChain, type BrokenLink, type ChainHead } from "./chain";

export interface CheckpointResult {
  seq: number;
  createdAt: string;
  ok: boolean;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: ChainHead | null;
  broken: BrokenLink | null;
  checkpoint: CheckpointResult | null;
  durationMs: number;
  verifiedAt: string;
}

/** Whole-chain verification, optionally against a signed checkpoint. Reads only. */
export async function verifyTrail(db: DbOrTx, checkpoint?: Checkpoint, key: string | null = serverEnv().checkpointKey): Promise<VerifyResult> {
  const started = performance.now();
  const scan = await scanChain(db);
  const cp = checkpoint ? await checkCheckpoint(db, checkpoint, key, scan.head) : null;
  return {
    ok: !scan.broken && (cp?.ok ?? true),
    checked: scan.checked,
    head: scan.head,
    broken: scan.broken,
    checkpoint: cp,
    durationMs: Math.round(performance.now() - started),
    verifiedAt: new Date().toISOString(),
  };
}

async function checkCheckpoint(db: DbOrTx, c: Checkpoint, key: string | null, head: ChainHead | null): Promise<CheckpointResult> {
  const base = { seq: c.seq, createdAt: c.created_at };
  if (!key) return { ...base, ok: false, message: "No checkpoint key is configured (STEWARD_AUDIT_CHECKPOINT_KEY), so the checkpoint's signature cannot be checked." };
  if (!checkpointSignatureValid(c, key)) return { ...base, ok: false, message: "The checkpoint's signature is not valid: the file was altered or signed with another key." };
  if (c.seq === 0) return { ...base, ok: true, message: "The checkpoint was made when the trail was empty." };
  const row = await hashAt(db, c.seq);
  if (!row) {
    return { ...base, ok: false, message: `Event ${c.seq} from the checkpoint is gone: events were deleted (the trail now ends at ${head ? `event ${head.seq}` : "nothing"}).` };
  }
  if (row.hash !== c.hash) {
    return { ...base, ok: false, message: `Event ${c.seq}'s hash differs from the checkpoint: the trail up to event ${c.seq} was rewritten after the checkpoint was made.` };
  }
  return { ...base, ok: true, message: `Nothing up to event ${c.seq} was rewritten since the checkpoint of ${c.created_at}.` };
}
