import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import { WEBHOOK_HEADERS } from "./schemas";
import { signatureHeader } from "./signing";
import { DEFAULT_RETRY, nextAttemptAfterFailure, type RetryPolicy } from "./retry";
import { postWebhook } from "./transport";
import { allowPrivateTargets } from "./settings";

export interface DispatchOptions {
  now?: () => Date;
  retry?: RetryPolicy;
  /** Per attempt; a receiver that has not answered by then has failed this try. */
  timeoutMs?: number;
  /** Deliveries sent at once by this process. */
  concurrency?: number;
  /** Overrides the stored admin setting (tests). */
  allowPrivate?: boolean;
}

export interface DispatchResult {
  delivered: number;
  retrying: number;
  failed: number;
}

export const ATTEMPT_TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
/** A claimed delivery is hidden from other processes this long (longer than a try can take). */
const LEASE_MS = 60_000;

/**
 * Sends one batch of due deliveries. Rows are claimed in a short transaction with
 * FOR UPDATE SKIP LOCKED and pushed forward by a lease, and sent outside it, so several server
 * processes can dispatch at once without sending a row twice, and no connection waits on a
 * receiver. Each try is recorded (webhook_attempts); a 2xx marks the delivery delivered, anything
 * else waits with backoff (./retry) until the 24-hour window is over, then it is failed.
 * If a process dies mid-send the lease runs out and another tries again: at least once.
 */
export async function deliverDueWebhooks(db: Db, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const now = opts.now ?? (() => new Date());
  const retry = opts.retry ?? DEFAULT_RETRY;
  const result: DispatchResult = { delivered: 0, retrying: 0, failed: 0 };
  const claimed = await claimDue(db, now(), opts.concurrency ?? CONCURRENCY);
  if (claimed.length === 0) return result;
  const allowPrivate = opts.allowPrivate ?? (await allowPrivateTargets(db));
  await Promise.all(
    claimed.map(async (d) => {
      const started = now();
      const t0 = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const headers = {
          [WEBHOOK_HEADERS.signature]: signatureHeader(d.secret, d.body, started),
          [WEBHOOK_HEADERS.eventId]: d.eventId,
          [WEBHOOK_HEADERS.eventType]: d.eventType,
          [WEBHOOK_HEADERS.attempt]: String(d.attempts),
        };
        statusCode = (await postWebhook(d.url, headers, d.body, { timeoutMs: opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS, allowPrivate })).statusCode;
        if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
      } catch (err) {
        error = String((err as Error)?.message ?? err).slice(0, 500);
      }
      const durationMs = Math.round(performance.now() - t0);
      const ended = now();
      const retryAt = error ? nextAttemptAfterFailure(retry, d.attempts, d.createdAt, ended) : null;
      const outcome = !error ? "delivered" : retryAt ? "retrying" : "failed";
      result[outcome]++;
      await inTransaction(db, async (tx) => {
        await tx.insert(webhookAttempts).values({ deliveryId: d.id, attempt: d.attempts, at: started, statusCode, error, durationMs });
        await tx
          .update(webhookDeliveries)
          .set(
            outcome === "delivered"
              ? { status: "delivered", deliveredAt: ended, lastStatusCode: statusCode, lastError: null }
              : outcome === "retrying"
                ? { nextAttemptAt: retryAt!, lastStatusCode: statusCode, lastError: error }
                : { status: "failed", lastStatusCode: statusCode, lastError: error },
          )
          .where(eq(webhookDeliveries.id, d.id));
      });
    }),
  );
  return result;
}

/** Takes up to `limit` due deliveries of enabled endpoints: counts the attempt and sets the lease. */
async function claimDue(db: Db, now: Date, limit: number) {
  // Nearly every poll finds nothing: one indexed read then, not a transaction (on the embedded
  // database the loop shares the one session with requests).
  const [any] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .limit(1);
  if (!any) return [];
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookEndpoints.enabled, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(webhookDeliveries.id, ids));
    return tx
      .select({
        id: webhookDeliveries.id,
        eventId: webhookDeliveries.eventId,
        eventType: webhookDeliveries.eventType,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
        createdAt: webhookDeliveries.createdAt,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(inArray(webhookDeliveries.id, ids));
  });
}

/**
 * Pending deliveries older than the retry window are failed, including those of a disabled
 * endpoint (not claimed meanwhile), so nothing waits forever.
 */
export async function failExpiredDeliveries(db: Db, now = new Date(), retry: RetryPolicy = DEFAULT_RETRY): Promise<number> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: sql`coalesce(${webhookDeliveries.lastError} || '; ', '') || 'not delivered within the retry window'` })
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.createdAt, new Date(now.getTime() - retry.windowMs))))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
