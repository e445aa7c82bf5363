import { timestamp } from "drizzle-orm/pg-core";

/** Shared column mixins, spread into table definitions. All times are stored in UTC. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** Reference data is retired, never deleted, once anything may point at it. */
export const retirable = {
  retiredAt: timestamp({ withTimezone: true }),
};

/** Any value JSON can hold: what a jsonb column stores when its shape is the writer's own (audit snapshots). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
