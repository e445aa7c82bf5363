/** Days ahead in which an active segment's re-certification counts as due (list filter, dashboard). */
export const RECERT_DUE_SOON_DAYS = 30;

/** The calendar day of `now` in UTC (YYYY-MM-DD), the day the re-certification jobs compare dates with. */
export const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Re-certification is overdue once its day has passed: "re-certify by 2 Nov" still holds on
 * 2 Nov (UTC) and is overdue from 3 Nov on. The job opens the re-certification request on the
 * day itself (server/modules/jobs/recertification.ts).
 */
export const recertificationOverdue = (recertifyBy: string | null, now: Date): boolean => recertifyBy !== null && recertifyBy < utcDay(now);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-02" as "2 Nov 2026", the same in every locale and time zone. */
export function plainDay(isoDay: string): string {
  const [y, m, d] = isoDay.slice(0, 10).split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
