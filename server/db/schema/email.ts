import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { EMAIL_KINDS } from "../../../domain/email-kinds";
import { users } from "./auth";

/**
 * E-mails to send, written in the same transaction as the change they tell about, so that a
 * rolled-back change sends nothing and a committed one is never forgotten. Rendered when
 * written (the message says what was true then); `deliverDueEmails` sends and retries.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: EMAIL_KINDS }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    toAddress: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    /** `pending` until sent; `failed` after the last retry. */
    status: text({ enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    /** When the next try may start; a claimed message is pushed forward by a lease so that no other process sends it meanwhile. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** A person's choice per kind; no row means the kind is on. */
export const emailPreferences = pgTable(
  "email_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: EMAIL_KINDS }).notNull(),
    enabled: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
