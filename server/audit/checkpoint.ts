/**
 * Signed checkpoints of the audit chain's head, kept outside the database. A checkpoint proves
 * that nothing up to its event was rewritten since: the event's hash covers every event before
 * it. Signed with HMAC-SHA256 under STEWARD_AUDIT_CHECKPOINT_KEY, so a checkpoint file cannot be
 * forged by someone who can edit the database but does not hold the key.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const CHECKPOINT_FORMAT = "steward-audit-checkpoint/1";

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  hash: string;
  created_at: string;
  algorithm: "HMAC-SHA256";
  signature: string;
}

/** The exact bytes that are signed: format, seq, hash and time, one per line. */
function signedText(c: Pick<Checkpoint, "seq" | "hash" | "created_at">): string {
  return `${CHECKPOINT_FORMAT}\n${c.seq}\n${c.hash}\n${c.created_at}`;
}

export function signCheckpoint(head: { seq: number; hash: string }, key: string, now = new Date()): Checkpoint {
  const body = { seq: head.seq, hash: head.hash, created_at: now.toISOString() };
  return {
    format: CHECKPOINT_FORMAT,
    ...body,
    algorithm: "HMAC-SHA256",
    signature: createHmac("sha256", key).update(signedText(body)).digest("hex"),
  };
}

export function checkpointSignatureValid(c: Checkpoint, key: string): boolean {
  const expected = createHmac("sha256", key).update(signedText(c)).digest();
  const given = Buffer.from(c.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
