import { utcDay } from "./dates";

/** Days ahead in which an active segment's re-certification counts as due (list filter, dashboard). */
export const RECERT_DUE_SOON_DAYS = 30;

/**
 * Re-certification is overdue once its day has passed: "re-certify by 2 Nov" still holds on
 * 2 Nov (UTC) and is overdue from 3 Nov on. The job opens the re-certification request on the
 * day itself (server/modules/jobs/recertification.ts).
 */
export const recertificationOverdue = (recertifyBy: string | null, now: Date): boolean => recertifyBy !== null && recertifyBy < utcDay(now);
