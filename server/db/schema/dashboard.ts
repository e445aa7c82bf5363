import { date, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per UTC day of the figures the dashboard charts over time (open findings by kind), as
 * the counters stood at the first dashboard view of that day. Kept because the counters
 * (count_deltas) hold only the present; the chart reads at most 90 rows by primary key.
 */
export const dashboardDaily = pgTable("dashboard_daily", {
  day: date({ mode: "string" }).primaryKey(),
  blocked: integer().notNull(),
  waived: integer().notNull(),
  warned: integer().notNull(),
  recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
