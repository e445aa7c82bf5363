import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per audit export someone asked for. The row fixes what the export contains (filters
 * plus the chain head at creation, `upToSeq`), so every download of it yields the same rows and
 * matches the manifest computed here. Downloading changes nothing.
 */
export const auditExports = pgTable(
  "audit_exports",
  {
    id: uuid().primaryKey().defaultRandom(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdById: uuid(),
    createdByLabel: text().notNull(),
    /** `csv` or `ndjson`. */
    format: text().notNull(),
    /** The explorer filters, as given (dates as ISO strings). */
    filters: jsonb().$type<Record<string, string>>().notNull(),
    /** Chain head when the export was created: later events are never part of it. */
    upToSeq: bigint({ mode: "number" }).notNull(),
    rowCount: bigint({ mode: "number" }).notNull(),
    firstSeq: bigint({ mode: "number" }),
    lastSeq: bigint({ mode: "number" }),
    firstHash: text(),
    lastHash: text(),
    firstOccurredAt: text(),
    lastOccurredAt: text(),
  },
  (t) => [index().on(t.createdById, t.createdAt)],
);
