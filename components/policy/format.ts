/** `YYYY-MM-DD` of today plus `days`, in UTC, for date inputs. */
export function isoDay(days: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** An expiry chosen as a day lasts until the end of that day (UTC). */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59Z`);

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const textLink = "text-brand-700 underline underline-offset-2 hover:text-brand-800";
