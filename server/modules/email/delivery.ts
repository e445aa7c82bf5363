import { inTransaction } from "@/server/db/transaction";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { emailOutbox } from "@/server/db/schema";
import { defaultMailer, mailSettings, type Mailer } from "./transport";
import { nextAttemptAfterFailure } from "./retry";

const BATCH = 50;
/** Most batches one run sends; the rest wait for the next run (a minute later). */
const MAX_BATCHES = 10;
/**
 * A claimed message is hidden from other runs this long: if the process dies mid-send it is
 * tried again afterwards (at most once more than intended: SMTP has no exactly-once).
 */
const LEASE_MS = 5 * 60_000;

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the e-mails that are due, with retries: a failure waits with exponential backoff
 * (./retry) and, after the last attempt, is marked failed. Messages are claimed in a short
 * transaction with `FOR UPDATE SKIP LOCKED` and a lease, and sent outside it, so several
 * processes never send the same message and no connection waits on a mail server.
 * A plain function: run it from a scheduler or a job queue.
 */
export async function deliverDueEmails(db: Db, now = new Date(), mailer: Mailer | null = defaultMailer(), from = mailSettings()?.from): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  if (!mailer || !from) return result;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claimDue(db, now);
    for (const m of claimed) {
      try {
        await mailer.send({ from, to: m.toAddress, subject: m.subject, text: m.text, html: m.html });
        await db.update(emailOutbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(emailOutbox.id, m.id));
        result.sent++;
      } catch (err) {
        const retryAt = nextAttemptAfterFailure(m.attempts, now);
        const lastError = String((err as Error)?.message ?? err).slice(0, 1000);
        await db
          .update(emailOutbox)
          .set(retryAt ? { nextAttemptAt: retryAt, lastError } : { status: "failed", lastError })
          .where(eq(emailOutbox.id, m.id));
        if (retryAt) result.retrying++;
        else result.failed++;
      }
    }
    if (claimed.length < BATCH) break;
  }
  return result;
}

/** Takes up to one batch of due messages: counts the attempt and pushes them forward by the lease. */
async function claimDue(db: Db, now: Date) {
  return inTransaction(db, async (tx) => {
    const due = tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    return tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(emailOutbox.id, due))
      .returning();
  });
}
