import { describe, expect, it } from "vitest";
import { dayFromToday, endOfDay, formatDate, formatDateTime, isDay, utcDay } from "./dates";

describe("one date format", () => {
  it.each([
    ["a day", "2026-01-31", "31 Jan 2026", "31 Jan 2026"],
    ["a timestamp", "2026-12-01T10:07:00.000Z", "1 Dec 2026", "1 Dec 2026, 10:07 UTC"],
    ["a Date, in UTC whatever the zone", new Date("2026-09-02T23:30:00Z"), "2 Sep 2026", "2 Sep 2026, 23:30 UTC"],
    ["another zone's timestamp", "2026-03-01T01:00:00+02:00", "28 Feb 2026", "28 Feb 2026, 23:00 UTC"],
    ["nothing", null, "—", "—"],
    ["not a date", "soon", "—", "—"],
  ] as const)("%s", (_name, input, day, moment) => {
    expect(formatDate(input)).toBe(day);
    expect(formatDateTime(input)).toBe(moment);
  });

  it("days for date fields, in UTC", () => {
    const now = new Date("2026-12-31T23:00:00Z");
    expect(utcDay(now)).toBe("2026-12-31");
    expect(dayFromToday(1, now)).toBe("2027-01-01");
    expect(endOfDay("2026-02-03").toISOString()).toBe("2026-02-03T23:59:59.000Z");
    expect([isDay("2026-02-28"), isDay("2026-02-30"), isDay("28/02/2026"), isDay("")]).toEqual([true, false, false, false]);
  });
});
