import { and, desc, eq, gte, ilike, lt, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { auditEvents } from "@/server/db/schema";
import type { listAuditInput } from "./schemas";

export async function listAuditEvents(db: Db, input: z.infer<typeof listAuditInput>) {
  const where: SQL[] = [];
  if (input.action) where.push(eq(auditEvents.action, input.action));
  if (input.entityType) where.push(eq(auditEvents.entityType, input.entityType));
  if (input.entityId) where.push(eq(auditEvents.entityId, input.entityId));
  if (input.actor) where.push(ilike(auditEvents.actorLabel, `%${input.actor.replace(/[%_\\]/g, "\\$&")}%`));
  if (input.from) where.push(gte(auditEvents.occurredAt, input.from));
  if (input.to) where.push(lte(auditEvents.occurredAt, input.to));
  if (input.before) where.push(lt(auditEvents.seq, input.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { events: page, nextBefore: rows.length > input.limit ? page[page.length - 1]!.seq : null };
}
