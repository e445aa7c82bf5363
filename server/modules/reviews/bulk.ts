import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { AuditActor } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/identity";
import { DomainError } from "@/server/errors";
import { changeLifecycle } from "./lifecycle";
import { submitSegment } from "./requests";
import type { bulkPauseInput, bulkSubmitInput } from "./schemas";

/** One selected segment's outcome: done, or refused with the same code and words a single action gets. */
export type BulkOutcome = { segmentId: string; ok: true } | { segmentId: string; ok: false; code: string; message: string };

/**
 * A bulk action is the single action once per segment, each in its own transaction with its own
 * audit event and checks: one segment that may not be paused does not stop the others, and the
 * answer says which were refused and why. Other errors (the database gone) still fail the call.
 */
async function eachSegment(ids: readonly string[], act: (segmentId: string) => Promise<unknown>): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for (const segmentId of new Set(ids)) {
    try {
      await act(segmentId);
      out.push({ segmentId, ok: true });
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === "UNAVAILABLE") throw err;
      out.push({ segmentId, ok: false, code: err.code, message: err.message });
    }
  }
  return out;
}

export const pauseSegments = (db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof bulkPauseInput>) =>
  eachSegment(input.segmentIds, (segmentId) => changeLifecycle(db, user, actor, { segmentId, action: "pause", reason: input.reason }));

export const submitSegments = (db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof bulkSubmitInput>) =>
  eachSegment(input.segmentIds, (segmentId) => submitSegment(db, user, actor, { segmentId, justification: input.justification }));
