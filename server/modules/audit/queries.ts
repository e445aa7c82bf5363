import { and, eq, gte, ilike, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "@/server/db/schema";
import type { AuditFiltersInput } from "./schemas";

/**
 * A string as a PostgreSQL literal, as libpq's PQescapeLiteral writes it: quotes doubled, and
 * with backslashes the E'' form with them doubled, so it is safe whatever
 * standard_conforming_strings says. For COPY, which takes no bind parameters.
 */
export function pgLiteral(value: string): string {
  if (value.includes("\u0000")) throw new Error("A PostgreSQL string cannot contain NUL.");
  const quoted = value.replace(/'/g, "''");
  return value.includes("\\") ? ` E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
}

const likePattern = (s: string) => `%${s.replace(/[%_\\]/g, "\\$&")}%`;

/**
 * The explorer's filters as SQL conditions; the list and the exports share them. `inline` writes
 * the values as literals (for COPY) instead of bind parameters.
 */
export function filterConditions(f: AuditFiltersInput, opts: { inline?: boolean } = {}): SQL[] {
  const where: SQL[] = [];
  if (opts.inline) {
    const lit = (v: string) => sql.raw(pgLiteral(v));
    const time = (d: Date) => sql.raw(`${pgLiteral(d.toISOString())}::timestamptz`);
    if (f.action) where.push(sql`${auditEvents.action} = ${lit(f.action)}`);
    if (f.entityType) where.push(sql`${auditEvents.entityType} = ${lit(f.entityType)}`);
    if (f.entityId) where.push(sql`${auditEvents.entityId} = ${lit(f.entityId)}`);
    if (f.actor) where.push(sql`${auditEvents.actorLabel} ILIKE ${lit(likePattern(f.actor))}`);
    if (f.from) where.push(sql`${auditEvents.occurredAt} >= ${time(f.from)}`);
    if (f.to) where.push(sql`${auditEvents.occurredAt} <= ${time(f.to)}`);
    return where;
  }
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.actor) where.push(ilike(auditEvents.actorLabel, likePattern(f.actor)));
  if (f.from) where.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) where.push(lte(auditEvents.occurredAt, f.to));
  return where;
}

export function filterWhere(f: AuditFiltersInput): SQL | undefined {
  return and(...filterConditions(f));
}
