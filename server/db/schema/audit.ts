import { bigint, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { JsonValue } from "../columns";

/**
 * Append-only audit trail. `seq` gives the chain its order; `prevHash`/`hash` are filled by the
 * tamper-evidence chain (each hash covers the previous one and a canonical encoding of the row).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    id: uuid().notNull().unique().defaultRandom(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    /** Who acted, as shown to a reader: an email, "system", or the email tried at a failed sign-in. */
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb().$type<JsonValue>(),
    after: jsonb().$type<JsonValue>(),
    reason: text(),
    requestId: text(),
    ip: text(),
    userAgent: text(),
    /** Which canonical encoding `hash` uses: 1 for events written before 2, 2 since (README, "The hash chain"). */
    hashVersion: smallint().notNull().default(2),
    prevHash: text(),
    hash: text(),
  },
  (t) => [index().on(t.occurredAt), index().on(t.actorId, t.occurredAt), index().on(t.entityType, t.entityId, t.occurredAt), index().on(t.action, t.occurredAt)],
);
