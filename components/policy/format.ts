import { onFirstUse } from "@/components/ui/format";

const date = onFirstUse(() => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }));

/** Expiry dates are days; shown in UTC like every other time in Steward. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return date().format(typeof d === "string" ? new Date(d) : d);
}

/** `YYYY-MM-DD` of today plus `days`, in UTC, for date inputs. */
export function isoDay(days: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** An expiry chosen as a day lasts until the end of that day (UTC). */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59Z`);

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const textLink = "text-brand-700 underline underline-offset-2 hover:text-brand-800";
