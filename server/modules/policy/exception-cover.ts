import { and, gt, isNull, lte, sql, type SQL } from "drizzle-orm";
import { policyExceptions } from "@/server/db/schema";
import { exceptionCoversAt } from "@/domain/activation-decision";

/**
 * When a policy exception is in force: not revoked, and its expiry is still ahead of `now`. One
 * clock decides it everywhere: the caller's `now` (the app's clock, read once per request or job),
 * never the database's now(). `exceptionInForce` says the same as `exceptionStatus` inside a query
 * (catalog/exception-clock.int.test.ts pins that every reader agrees).
 */
export type ExceptionStatus = "active" | "expired" | "revoked";

export function exceptionStatus(e: { revokedAt: Date | null; expiresAt: Date }, now: Date): ExceptionStatus {
  if (e.revokedAt) return "revoked";
  return exceptionCoversAt(e.expiresAt, now) ? "active" : "expired";
}

/** The rows of policy_exceptions in force at `now`, and those expired by then (revoked ones are neither). */
export const exceptionInForce = (now: Date): SQL => and(isNull(policyExceptions.revokedAt), gt(policyExceptions.expiresAt, now))!;
export const exceptionExpired = (now: Date): SQL => and(isNull(policyExceptions.revokedAt), lte(policyExceptions.expiresAt, now))!;

/**
 * An exception in force at `now` covers the segment_findings row aliased `f`: same segment and
 * finding fingerprint. Decided at read time, so an exception stops counting the moment it
 * expires; every "blocked" read uses this one definition.
 */
export const coveredByException = (now: Date): SQL => sql`EXISTS (
  SELECT 1 FROM ${policyExceptions}
  WHERE ${policyExceptions.segmentId} = f.segment_id AND ${policyExceptions.fingerprint} = f.fingerprint AND ${exceptionInForce(now)})`;
