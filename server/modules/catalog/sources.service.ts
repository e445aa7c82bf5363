import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { dataSources, reviewRequests, signals } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { conflict, invalid, notFound, preconditionFailed } from "@/server/errors";
import type { createSourceInput, listSourcesInput, retireInput, updateSourceInput } from "./schemas";
import { cappedCount, COUNT_CAP, resolveSearch, textMatch, textRank, type Page } from "./search-sql";
import { propagateAndReReview } from "@/server/modules/reviews/re-review";
import { inTransaction } from "@/server/db/transaction";

// Qualified by hand: in a one-table select list Drizzle prints ${dataSources.id} as a bare "id",
// which inside this subquery would mean s.id and so count nothing.
const signalCount = sql<number>`(SELECT count(*)::int FROM signals s WHERE s.source_id = "data_sources"."id" AND s.retired_at IS NULL)`;

const listColumns = {
  id: dataSources.id,
  key: dataSources.key,
  name: dataSources.name,
  description: dataSources.description,
  systemType: dataSources.systemType,
  owner: dataSources.owner,
  jurisdictions: dataSources.jurisdictions,
  retentionDays: dataSources.retentionDays,
  consentCapturePoints: dataSources.consentCapturePoints,
  retiredAt: dataSources.retiredAt,
  updatedAt: dataSources.updatedAt,
  signalCount,
};

export async function listSources(db: Db, input: z.infer<typeof listSourcesInput>): Promise<Page<Awaited<ReturnType<typeof selectSources>>[number]>> {
  const where: SQL[] = [];
  if (!input.includeRetired) where.push(isNull(dataSources.retiredAt));
  if (input.systemType) where.push(eq(dataSources.systemType, input.systemType));
  if (input.jurisdiction) where.push(sql`${dataSources.jurisdictions} @> ARRAY[${input.jurisdiction}]::text[]`);
  const search = input.q ? await resolveSearch(db, input.q) : null;
  if (search) where.push(textMatch(dataSources.search, search));
  const order = input.dir === "desc" ? desc : asc;
  const orderBy =
    search && input.sort === "name"
      ? [desc(textRank(dataSources.search, search)), asc(dataSources.name)]
      : input.sort === "updated"
        ? [order(dataSources.updatedAt)]
        : input.sort === "signals"
          ? [order(signalCount), asc(dataSources.name)]
          : [order(dataSources.name)];
  const [items, count] = await Promise.all([selectSources(db, and(...where), orderBy, input.pageSize, (input.page - 1) * input.pageSize), cappedCount(db, dataSources, and(...where))]);
  return { items, total: Math.min(count, COUNT_CAP), totalCapped: count > COUNT_CAP, page: input.page, pageSize: input.pageSize };
}

function selectSources(db: Db, where: SQL | undefined, orderBy: SQL[], limit: number, offset: number) {
  return db
    .select(listColumns)
    .from(dataSources)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit)
    .offset(offset);
}

export async function sourceById(db: Db, id: string) {
  const [row] = await db
    .select({ ...listColumns, source: dataSources })
    .from(dataSources)
    .where(eq(dataSources.id, id));
  if (!row) throw notFound("That data source");
  const { search: _search, ...source } = row.source;
  return { ...source, signalCount: row.signalCount };
}

const snapshot = (s: typeof dataSources.$inferSelect) => {
  const { search: _search, createdAt: _c, updatedAt: _u, ...rest } = s;
  return rest;
};

export async function createSource(db: Db, actor: AuditActor, input: z.infer<typeof createSourceInput>) {
  return inTransaction(db, async (tx) => {
    if (input.fromRequestId) await assertRegistrable(tx, input.fromRequestId);
    // A taken key is a unique violation, answered as a conflict on `key` (server/errors.ts).
    const [row] = await tx.insert(dataSources).values(input).returning();
    await recordAudit(tx, { actor, action: "source.created", entityType: "data_source", entityId: row!.id, after: snapshot(row!) });
    return { id: row!.id };
  });
}

/** Only an approved new-source request, and only once: the request row is locked so two registrations cannot both pass. */
async function assertRegistrable(tx: Tx, requestId: string) {
  const [request] = await tx.select({ type: reviewRequests.type, status: reviewRequests.status }).from(reviewRequests).where(eq(reviewRequests.id, requestId)).for("update");
  if (!request || request.type !== "new_source") throw invalid("That is not a new-source request.", "fromRequestId");
  if (request.status !== "approved") throw preconditionFailed("The new-source request is not approved; a source is registered from it only once it is.");
  const [done] = await tx.select({ name: dataSources.name }).from(dataSources).where(eq(dataSources.fromRequestId, requestId));
  if (done) throw conflict(`A source was already registered from this request: “${done.name}”.`, "fromRequestId");
}

export async function updateSource(db: Db, actor: AuditActor, input: z.infer<typeof updateSourceInput>) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(dataSources).where(eq(dataSources.id, input.id)).for("no key update");
    if (!before) throw notFound("That data source");
    const { id, ...changes } = input;
    const [after] = await tx
      .update(dataSources)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(dataSources.id, id))
      .returning();
    await recordAudit(tx, { actor, action: "source.updated", entityType: "data_source", entityId: id, before: snapshot(before), after: snapshot(after!) });
    // Jurisdictions feed the checks of every segment using this source's signals.
    if ([...before.jurisdictions].sort().join() !== [...after!.jurisdictions].sort().join()) {
      const signalIds = (await tx.select({ id: signals.id }).from(signals).where(eq(signals.sourceId, id))).map((s) => s.id);
      return { id, ...(await propagateAndReReview(tx, actor, signalIds, `jurisdictions of data source “${after!.name}” changed`)) };
    }
    return { id, reevaluated: 0, flagged: [] as string[] };
  });
}

export async function setSourceRetired(db: Db, actor: AuditActor, input: z.infer<typeof retireInput> | { id: string }, retire: boolean) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(dataSources).where(eq(dataSources.id, input.id)).for("no key update");
    if (!before) throw notFound("That data source");
    if (Boolean(before.retiredAt) === retire) throw preconditionFailed(retire ? "This source is already retired." : "This source is not retired.");
    if (retire) {
      const [active] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(signals)
        .where(and(eq(signals.sourceId, before.id), isNull(signals.retiredAt)));
      if ((active?.n ?? 0) > 0) throw preconditionFailed(`Retire its ${active!.n} active signal(s) first.`);
    }
    const [after] = await tx
      .update(dataSources)
      .set({ retiredAt: retire ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(dataSources.id, before.id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: retire ? "source.retired" : "source.restored",
      entityType: "data_source",
      entityId: before.id,
      before: snapshot(before),
      after: snapshot(after!),
      reason: "reason" in input ? input.reason : null,
    });
    return { id: before.id };
  });
}
