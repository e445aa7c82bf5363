import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { consentPurposes, dataCategories, dataSources, segments, segmentSignalInputs, signalConsents, signals } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid, notFound, preconditionFailed } from "@/server/errors";
import type { createSignalInput, listSignalsInput, retireInput, updateSignalInput } from "./schemas";
import { listPage, resolveSearch, textMatch, textRank, type SortKey } from "./search-sql";
import { refreshSegmentSearchText } from "./search-text";
import { LABELS, type LawfulBasis } from "@/domain/vocab";
import { propagateAndReReview } from "@/server/modules/reviews/re-review";
import { inTransaction } from "@/server/db/transaction";

const listColumns = {
  id: signals.id,
  key: signals.key,
  name: signals.name,
  description: signals.description,
  kind: signals.kind,
  fidelity: signals.fidelity,
  identifiability: signals.identifiability,
  valueType: signals.valueType,
  allowedValues: signals.allowedValues,
  retentionDays: signals.retentionDays,
  retiredAt: signals.retiredAt,
  updatedAt: signals.updatedAt,
  sourceId: signals.sourceId,
  sourceName: dataSources.name,
  sourceJurisdictions: dataSources.jurisdictions,
  categoryId: signals.categoryId,
  categoryKey: dataCategories.key,
  categoryName: dataCategories.name,
  sensitivity: dataCategories.defaultSensitivity,
  isSpecialCategory: dataCategories.isSpecialCategory,
};

export async function listSignals(db: Db, input: z.infer<typeof listSignalsInput>) {
  const where: SQL[] = [];
  if (!input.includeRetired) where.push(isNull(signals.retiredAt));
  if (input.sourceId) where.push(eq(signals.sourceId, input.sourceId));
  if (input.kind) where.push(eq(signals.kind, input.kind));
  if (input.fidelity) where.push(eq(signals.fidelity, input.fidelity));
  if (input.categoryId) where.push(eq(signals.categoryId, input.categoryId));
  if (input.purposeId) {
    where.push(sql`EXISTS (SELECT 1 FROM signal_consents sc WHERE sc.signal_id = ${signals.id} AND sc.purpose_id = ${input.purposeId})`);
  }
  const search = input.q ? await resolveSearch(db, input.q) : null;
  if (search) where.push(textMatch(signals.search, search));
  const select = () => db.select(listColumns).from(signals).innerJoin(dataSources, eq(dataSources.id, signals.sourceId)).innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId));
  // Searched, best matches first when sorted by name.
  const searchSort: SortKey[] | null = !search
    ? null
    : input.sort === "name"
      ? [
          { key: textRank(signals.search, search), dir: "desc" },
          { key: signals.name, dir: "asc" },
        ]
      : input.sort === "updated"
        ? [{ key: signals.updatedAt, dir: input.dir }]
        : [
            { key: sql`(SELECT d.name FROM data_sources d WHERE d.id = ${signals.sourceId})`, dir: input.dir },
            { key: signals.name, dir: "asc" },
          ];
  const order = input.dir === "desc" ? desc : asc;
  const orderBy = input.sort === "updated" ? [order(signals.updatedAt)] : input.sort === "source" ? [order(dataSources.name), asc(signals.name)] : [order(signals.name)];
  const { rows, total, totalCapped } = await listPage(db, { from: signals, id: signals.id, where: and(...where) }, input, {
    searchSort,
    inOrder: (limit, offset) =>
      select()
        .where(and(...where))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    byIds: (ids) => select().where(inArray(signals.id, ids)),
  });
  const consents = await consentsOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, consents: consents.get(r.id) ?? [] }));
  return { items, total, totalCapped, page: input.page, pageSize: input.pageSize };
}

export type ConsentRow = { purposeId: string; purposeKey: string; purposeName: string; lawfulBasis: (typeof signalConsents.$inferSelect)["lawfulBasis"] };

/** Consent provenance of many signals at once, keyed by signal id. */
export async function consentsOf(db: Db | Tx, signalIds: string[]): Promise<Map<string, ConsentRow[]>> {
  const out = new Map<string, ConsentRow[]>();
  if (signalIds.length === 0) return out;
  const rows = await db
    .select({
      signalId: signalConsents.signalId,
      purposeId: signalConsents.purposeId,
      purposeKey: consentPurposes.key,
      purposeName: consentPurposes.name,
      lawfulBasis: signalConsents.lawfulBasis,
    })
    .from(signalConsents)
    .innerJoin(consentPurposes, eq(consentPurposes.id, signalConsents.purposeId))
    .where(inArray(signalConsents.signalId, signalIds))
    .orderBy(asc(consentPurposes.name));
  for (const { signalId, ...c } of rows) out.set(signalId, [...(out.get(signalId) ?? []), c]);
  return out;
}

export async function signalById(db: Db, id: string) {
  const [row] = await db
    .select(listColumns)
    .from(signals)
    .innerJoin(dataSources, eq(dataSources.id, signals.sourceId))
    .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
    .where(eq(signals.id, id));
  if (!row) throw notFound("That signal");
  const usedBy = await db
    .select({ id: segments.id, key: segments.key, name: segments.name, status: segments.status })
    .from(segmentSignalInputs)
    .innerJoin(segments, eq(segments.id, segmentSignalInputs.segmentId))
    .where(eq(segmentSignalInputs.signalId, id))
    .orderBy(asc(segments.name));
  return { ...row, consents: (await consentsOf(db, [id])).get(id) ?? [], usedBy };
}

type SignalInput = z.infer<typeof createSignalInput> | z.infer<typeof updateSignalInput>;

/** Checks references and that each purpose allows the lawful basis claimed for it. */
async function validateSignal(tx: Tx, input: SignalInput) {
  const [source] = await tx.select().from(dataSources).where(eq(dataSources.id, input.sourceId));
  if (!source) throw invalid("Choose an existing data source.", "sourceId");
  if (source.retiredAt) throw invalid(`The data source “${source.name}” is retired.`, "sourceId");
  const [category] = await tx.select().from(dataCategories).where(eq(dataCategories.id, input.categoryId));
  if (!category) throw invalid("Choose an existing data category.", "categoryId");
  if (category.retiredAt) throw invalid(`The data category “${category.name}” is retired.`, "categoryId");
  if ((input.valueType === "category" || input.valueType === "list") && input.allowedValues.length === 0) {
    throw invalid("List the values this signal can take.", "allowedValues");
  }
  if (input.consents.length === 0) return;
  const purposes = await tx
    .select()
    .from(consentPurposes)
    .where(
      inArray(
        consentPurposes.id,
        input.consents.map((c) => c.purposeId),
      ),
    );
  const byId = new Map(purposes.map((p) => [p.id, p]));
  for (const c of input.consents) {
    const p = byId.get(c.purposeId);
    if (!p) throw invalid("A consent purpose does not exist.", "consents");
    if (p.retiredAt) throw invalid(`The purpose “${p.name}” is retired.`, "consents");
    if (!p.allowedLawfulBases.includes(c.lawfulBasis)) {
      throw invalid(
        `“${p.name}” cannot rest on ${LABELS.lawfulBasis[c.lawfulBasis].toLowerCase()}; it allows ${p.allowedLawfulBases.map((b) => LABELS.lawfulBasis[b].toLowerCase()).join(" or ")}.`,
        "consents",
      );
    }
  }
}

async function snapshotOf(tx: Tx, id: string) {
  const [row] = await tx.select().from(signals).where(eq(signals.id, id));
  if (!row) return null;
  const { search: _s, createdAt: _c, updatedAt: _u, consentChangedAt: _cc, ...rest } = row;
  const consents = (await consentsOf(tx, [id])).get(id) ?? [];
  return { ...rest, consents: consents.map((c) => ({ purpose: c.purposeKey, lawfulBasis: c.lawfulBasis })) };
}

export async function createSignal(db: Db, actor: AuditActor, input: z.infer<typeof createSignalInput>) {
  return inTransaction(db, async (tx) => {
    await validateSignal(tx, input);
    const { consents, ...fields } = input;
    // A taken key is a unique violation, answered as a conflict on `key` (server/errors.ts).
    const [row] = await tx.insert(signals).values(fields).returning({ id: signals.id });
    const id = row!.id;
    if (consents.length) await tx.insert(signalConsents).values(consents.map((c) => ({ ...c, signalId: id })));
    await recordAudit(tx, { actor, action: "signal.created", entityType: "signal", entityId: id, after: await snapshotOf(tx, id) });
    return { id };
  });
}

const consentKey = (cs: Array<{ purpose: string; lawfulBasis: string }>) =>
  cs
    .map((c) => `${c.purpose}:${c.lawfulBasis}`)
    .sort()
    .join(",");

export async function updateSignal(db: Db, actor: AuditActor, input: z.infer<typeof updateSignalInput>) {
  return inTransaction(db, async (tx) => {
    const [locked] = await tx.select({ id: signals.id }).from(signals).where(eq(signals.id, input.id)).for("no key update");
    if (!locked) throw notFound("That signal");
    await validateSignal(tx, input);
    const before = await snapshotOf(tx, input.id);
    const { id, consents, ...fields } = input;
    await tx
      .update(signals)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(eq(signals.id, id));
    const consentsChanged = await replaceConsents(tx, id, consents, before?.consents ?? []);
    // Segment search text carries signal names.
    if (before && before.name !== fields.name) await refreshSegmentSearchText(tx, { signalId: id });
    const after = await snapshotOf(tx, id);
    await recordAudit(tx, { actor, action: "signal.updated", entityType: "signal", entityId: id, before, after });
    // Category, retention and consent all feed the checks: re-evaluate downstream in this transaction.
    const impact = await propagateAndReReview(tx, actor, [id], consentsChanged ? `consent provenance of signal “${fields.name}” changed` : `signal “${fields.name}” changed`);
    return { id, ...impact };
  });
}

/** Consent provenance only: what privacy officers change. Same propagation as a full edit. */
export async function updateSignalConsents(db: Db, actor: AuditActor, input: { id: string; consents: Array<{ purposeId: string; lawfulBasis: LawfulBasis }>; reason?: string }) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(signals).where(eq(signals.id, input.id)).for("no key update");
    if (!row) throw notFound("That signal");
    const { search: _s, createdAt: _c, updatedAt: _u, retiredAt: _r, consentChangedAt: _cc, ...fields } = row;
    await validateSignal(tx, { ...fields, consents: input.consents });
    const before = await snapshotOf(tx, row.id);
    const changed = await replaceConsents(tx, row.id, input.consents, before?.consents ?? []);
    if (!changed) return { id: row.id, reevaluated: 0, flagged: [] as string[] };
    await tx
      .update(signals)
      .set({ updatedAt: sql`now()` })
      .where(eq(signals.id, row.id));
    await recordAudit(tx, { actor, action: "signal.updated", entityType: "signal", entityId: row.id, before, after: await snapshotOf(tx, row.id), reason: input.reason ?? null });
    const impact = await propagateAndReReview(tx, actor, [row.id], `consent provenance of signal “${row.name}” changed`);
    return { id: row.id, ...impact };
  });
}

/** Replaces a signal's consent rows; marks when they changed. Returns whether anything changed. */
async function replaceConsents(tx: Tx, id: string, consents: Array<{ purposeId: string; lawfulBasis: LawfulBasis }>, before: Array<{ purpose: string; lawfulBasis: string }>) {
  await tx.delete(signalConsents).where(eq(signalConsents.signalId, id));
  if (consents.length) await tx.insert(signalConsents).values(consents.map((c) => ({ ...c, signalId: id })));
  const now = (await consentsOf(tx, [id])).get(id) ?? [];
  const changed = consentKey(before) !== consentKey(now.map((c) => ({ purpose: c.purposeKey, lawfulBasis: c.lawfulBasis })));
  if (changed)
    await tx
      .update(signals)
      .set({ consentChangedAt: sql`now()` })
      .where(eq(signals.id, id));
  return changed;
}

export async function setSignalRetired(db: Db, actor: AuditActor, input: z.infer<typeof retireInput> | { id: string }, retire: boolean) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(signals).where(eq(signals.id, input.id)).for("no key update");
    if (!row) throw notFound("That signal");
    if (Boolean(row.retiredAt) === retire) throw preconditionFailed(retire ? "This signal is already retired." : "This signal is not retired.");
    if (retire) {
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(segmentSignalInputs)
        .innerJoin(segments, eq(segments.id, segmentSignalInputs.segmentId))
        .where(and(eq(segmentSignalInputs.signalId, row.id), sql`${segments.status} <> 'retired'`));
      if ((used?.n ?? 0) > 0) throw preconditionFailed(`${used!.n} segment(s) still use this signal. Change them first.`);
    } else {
      const [source] = await tx.select().from(dataSources).where(eq(dataSources.id, row.sourceId));
      if (source?.retiredAt) throw preconditionFailed(`Restore its data source “${source.name}” first.`);
    }
    const before = await snapshotOf(tx, row.id);
    await tx
      .update(signals)
      .set({ retiredAt: retire ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(signals.id, row.id));
    await recordAudit(tx, {
      actor,
      action: retire ? "signal.retired" : "signal.restored",
      entityType: "signal",
      entityId: row.id,
      before,
      after: await snapshotOf(tx, row.id),
      reason: "reason" in input ? input.reason : null,
    });
    return { id: row.id };
  });
}
