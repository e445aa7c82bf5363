import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * An admin's webhook endpoint. The signing secret is stored as-is: Steward must present it to
 * sign every delivery, so it cannot be hashed like an API token, and encrypting it under
 * NEXTAUTH_SECRET would tie every endpoint to that value (rotating it would silently break them
 * all) while guarding only against someone who already reads the database, which holds the
 * events themselves. It is shown to people once, at creation and rotation, and never listed.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid().primaryKey().defaultRandom(),
  url: text().notNull(),
  description: text().notNull().default(""),
  /** Event types it receives (segment.activated, …). */
  events: text().array().notNull(),
  secret: text().notNull(),
  /** First characters of the secret, to recognise it. */
  secretPrefix: text().notNull(),
  enabled: boolean().notNull().default(true),
  createdById: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  secretRotatedAt: timestamp({ withTimezone: true }),
});

/**
 * The outbox: one row per event and endpoint, written in the transaction of the change it tells
 * about, so a change and its event exist together or not at all. The dispatcher claims due rows
 * with FOR UPDATE SKIP LOCKED and a lease, and records each attempt in webhook_attempts.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The event's id, the same for every endpoint: receivers deduplicate on it (Steward-Event-Id). */
    eventId: uuid().notNull(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text().notNull(),
    /** The JSON body sent, fixed when written: it says what was true at the change. */
    body: text().notNull(),
    status: text({ enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.endpointId, t.createdAt),
  ],
);

/** Each try of a delivery: when, the answer (status code or error) and how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index().on(t.deliveryId)],
);

/** One row: whether endpoints may be on private, loopback or link-local addresses (off by default). */
export const webhookSettings = pgTable("webhook_settings", {
  id: integer().primaryKey().default(1),
  allowPrivateTargets: boolean().notNull().default(false),
  updatedById: uuid().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
