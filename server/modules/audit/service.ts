import { and, desc, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { auditEvents } from "@/server/db/schema";
import { namesOf } from "./names";
import { filterConditions } from "./queries";
import type { listAuditInput } from "./schemas";

/**
 * A page of events, newest first, each with the raw values as stored (what the chain hashes and
 * exports write) and, for people, the names of its entity and actor as they are now.
 */
export async function listAuditEvents(db: Db, input: z.infer<typeof listAuditInput>) {
  const where = filterConditions(input);
  if (input.before) where.push(lt(auditEvents.seq, input.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const names = await namesOf(db, page);
  return { events: page.map((e, i) => ({ ...e, ...names[i]! })), nextBefore: rows.length > input.limit ? page[page.length - 1]!.seq : null };
}
