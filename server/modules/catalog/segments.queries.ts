import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/server/db/client";
import { uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { consentPurposes, dataCategories, dataSources, segmentParentInputs, segments, segmentSignalInputs, segmentVersions, signals, users } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { lifecycleVerdicts } from "@/domain/segment-lifecycle";
import { coveredByException } from "@/server/modules/policy/exception-cover";
import { findingsOf } from "@/server/modules/policy/findings.service";
import { collectRefs, definitionSentence, type Group } from "@/domain/segment-definition";
import { RECERT_DUE_SOON_DAYS } from "@/domain/recertification";
import { lifecycleActor, lifecycleFactsOf } from "@/server/modules/reviews/lifecycle-facts";
import { type diffInput, type listSegmentsInput } from "./schemas";
import { listPage, resolveSearch, textMatch, textRank, type SortKey } from "./search-sql";
import { consentsOf } from "./signals.service";
import { diffViews, versionView, type Lookups, type VersionData } from "./version-view";

/** Segment reads: the list, one segment as its page shows it, its history and diffs. */

/** Active, and re-certification falls due within RECERT_DUE_SOON_DAYS or is past: the list filter and the dashboard count. */
export const recertificationDue = sql`${segments.status} = 'active' AND ${segments.recertifyBy} <= current_date + ${RECERT_DUE_SOON_DAYS}::int`;

/** A blocking finding on the head version that no unexpired exception covers; decided at read time. */
const unwaivedBlockingExists = (now: Date) => sql`EXISTS (
  SELECT 1 FROM segment_findings f
  WHERE f.segment_id = ${segments.id} AND f.segment_version = ${segments.version} AND f.severity = 'block' AND NOT ${coveredByException(now)})`;

export async function listSegments(db: Db, input: z.infer<typeof listSegmentsInput>, now = new Date()) {
  const where: SQL[] = [];
  if (input.status?.length) where.push(inArray(segments.status, input.status));
  else if (!input.includeRetired) where.push(sql`${segments.status} <> 'retired'`);
  if (input.sensitivity?.length) where.push(inArray(segments.sensitivity, input.sensitivity));
  if (input.goal) where.push(eq(segments.businessGoal, input.goal));
  if (input.channel) where.push(sql`${segments.channels} @> ARRAY[${input.channel}]::channel[]`);
  if (input.ownerId) where.push(eq(segments.ownerId, input.ownerId));
  if (input.team) where.push(eq(segments.team, input.team));
  if (input.purposeId) where.push(sql`${segments.purposeIds} @> ARRAY[${input.purposeId}]::uuid[]`);
  if (input.sourceId) where.push(sql`${segments.sourceIds} @> ARRAY[${input.sourceId}]::uuid[]`);
  const search = input.q ? await resolveSearch(db, input.q) : null;
  if (search) where.push(textMatch(segments.search, search));
  if (input.findings === "blocked") where.push(unwaivedBlockingExists(now));
  if (input.findings === "warnings") where.push(sql`${segments.warningCount} > 0`);
  if (input.findings === "consent_changed") where.push(eq(segments.consentChangedUpstream, true));
  if (input.recertification === "due") where.push(recertificationDue);
  const select = () =>
    db
      .select({
        id: segments.id,
        key: segments.key,
        name: segments.name,
        description: segments.description,
        status: segments.status,
        businessGoal: segments.businessGoal,
        channels: segments.channels,
        sensitivity: segments.sensitivity,
        team: segments.team,
        tags: segments.tags,
        version: segments.version,
        updatedAt: segments.updatedAt,
        ownerId: segments.ownerId,
        ownerName: users.name,
        blockingCount: segments.blockingCount,
        warningCount: segments.warningCount,
        consentChangedUpstream: segments.consentChangedUpstream,
      })
      .from(segments)
      .innerJoin(users, eq(users.id, segments.ownerId));
  // Searched, best matches first when sorted by name.
  const byName: SortKey = { key: segments.name, dir: "asc" };
  const searchSort: SortKey[] | null = !search
    ? null
    : input.sort === "name"
      ? [{ key: textRank(segments.search, search), dir: "desc" }, byName]
      : input.sort === "updated"
        ? [{ key: segments.updatedAt, dir: input.dir }]
        : [{ key: input.sort === "status" ? segments.status : segments.sensitivity, dir: input.dir }, byName];
  const order = input.dir === "desc" ? desc : asc;
  const orderBy =
    input.sort === "updated"
      ? [order(segments.updatedAt), asc(segments.id)]
      : input.sort === "sensitivity"
        ? [order(segments.sensitivity), asc(segments.name)]
        : input.sort === "status"
          ? [order(segments.status), asc(segments.name)]
          : [order(segments.name), asc(segments.id)];
  const { rows, total, totalCapped } = await listPage(db, { from: segments, id: segments.id, where: and(...where) }, input, {
    searchSort,
    inOrder: (limit, offset) =>
      select()
        .where(and(...where))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    byIds: (ids) => select().where(inArray(segments.id, ids)),
  });
  const blocked = await blockedAmong(
    db,
    rows.map((i) => i.id),
    now,
  );
  return { items: rows.map((i) => ({ ...i, blocked: blocked.has(i.id) })), total, totalCapped, page: input.page, pageSize: input.pageSize };
}

/**
 * Which of these segments are blocked (see unwaivedBlockingExists), asked for one page's ids
 * after the page is chosen: in the page query's select list the planner costs the check for
 * every candidate row, not the 25 shown, and hashes every blocking finding on each call.
 */
async function blockedAmong(db: DbOrTx, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT DISTINCT f.segment_id AS id
      FROM segment_findings f JOIN segments s ON s.id = f.segment_id AND f.segment_version = s.version
      WHERE f.segment_id = ANY(${uuidArray(ids)}) AND f.severity = 'block' AND NOT ${coveredByException(now)}`),
  );
  return new Set(rows.map((r) => r.id));
}

/** Names needed to render any set of versions in words; `owners: false` when no owner's name is shown. */
async function lookupsFor(db: DbOrTx, datas: VersionData[], opts: { owners?: boolean } = {}): Promise<Lookups> {
  const signalIds = new Set<string>();
  const segmentIds = new Set<string>();
  const purposeIds = new Set<string>();
  const userIds = new Set<string>();
  for (const d of datas) {
    const refs = collectRefs(d.definition as Group);
    refs.signalIds.forEach((s) => signalIds.add(s));
    refs.parents.forEach((p) => segmentIds.add(p.segmentId));
    d.declaredPurposeIds.forEach((p) => purposeIds.add(p));
    if (opts.owners !== false) userIds.add(d.ownerId);
  }
  const [sigs, segs, purps, us] = await Promise.all([
    signalIds.size
      ? db
          .select({ id: signals.id, name: signals.name, valueType: signals.valueType, allowedValues: signals.allowedValues })
          .from(signals)
          .where(inArray(signals.id, [...signalIds]))
      : [],
    segmentIds.size
      ? db
          .select({ id: segments.id, name: segments.name })
          .from(segments)
          .where(inArray(segments.id, [...segmentIds]))
      : [],
    purposeIds.size
      ? db
          .select({ id: consentPurposes.id, name: consentPurposes.name })
          .from(consentPurposes)
          .where(inArray(consentPurposes.id, [...purposeIds]))
      : [],
    userIds.size
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, [...userIds]))
      : [],
  ]);
  return {
    signals: new Map(sigs.map((s) => [s.id, s])),
    segmentNames: new Map(segs.map((s) => [s.id, s.name])),
    purposeNames: new Map(purps.map((p) => [p.id, p.name])),
    userNames: new Map(us.map((u) => [u.id, u.name])),
  };
}

export async function segmentById(db: Db, id: string) {
  const [row] = await db
    .select({ segment: segments, ownerName: users.name, ownerEmail: users.email, data: segmentVersions.data, versionAt: segmentVersions.createdAt })
    .from(segments)
    .innerJoin(users, eq(users.id, segments.ownerId))
    .innerJoin(segmentVersions, eq(segmentVersions.id, segments.headVersionId))
    .where(eq(segments.id, id));
  if (!row) throw notFound("That segment");
  const { search: _s, searchExtra: _e, ...segment } = row.segment;
  const data = row.data;
  // Independent reads, run side by side: the page waits for the slowest, not for their sum.
  const [lookups, inputSignals, parents, children, findings] = await Promise.all([
    // The page names the owner from the row above (ownerName), not from the lookups.
    lookupsFor(db, [data], { owners: false }),
    db
      .select({
        id: signals.id,
        key: signals.key,
        name: signals.name,
        valueType: signals.valueType,
        allowedValues: signals.allowedValues,
        kind: signals.kind,
        fidelity: signals.fidelity,
        retentionDays: signals.retentionDays,
        sourceId: dataSources.id,
        sourceName: dataSources.name,
        jurisdictions: dataSources.jurisdictions,
        capturePoints: dataSources.consentCapturePoints,
        categoryKey: dataCategories.key,
        categoryName: dataCategories.name,
        sensitivity: dataCategories.defaultSensitivity,
        isSpecialCategory: dataCategories.isSpecialCategory,
      })
      .from(segmentSignalInputs)
      .innerJoin(signals, eq(signals.id, segmentSignalInputs.signalId))
      .innerJoin(dataSources, eq(dataSources.id, signals.sourceId))
      .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
      .where(eq(segmentSignalInputs.segmentId, id))
      .orderBy(asc(signals.name))
      .then(async (rows) => {
        const consents = await consentsOf(
          db,
          rows.map((s) => s.id),
        );
        return rows.map((s) => ({ ...s, consents: consents.get(s.id) ?? [] }));
      }),
    db
      .select({ id: segments.id, key: segments.key, name: segments.name, status: segments.status, sensitivity: segments.sensitivity, mode: segmentParentInputs.mode })
      .from(segmentParentInputs)
      .innerJoin(segments, eq(segments.id, segmentParentInputs.parentSegmentId))
      .where(eq(segmentParentInputs.segmentId, id))
      .orderBy(asc(segments.name)),
    db
      .select({ id: segments.id, key: segments.key, name: segments.name, status: segments.status, mode: segmentParentInputs.mode })
      .from(segmentParentInputs)
      .innerJoin(segments, eq(segments.id, segmentParentInputs.segmentId))
      .where(eq(segmentParentInputs.parentSegmentId, id))
      .orderBy(asc(segments.name)),
    findingsOf(db, id, segment.version),
  ]);
  const declaredPurposes = data.declaredPurposeIds.map((pid) => ({ id: pid, name: lookups.purposeNames.get(pid) ?? "unknown purpose" }));
  return {
    ...segment,
    ownerName: row.ownerName,
    ownerEmail: row.ownerEmail,
    versionAt: row.versionAt,
    data,
    declaredPurposes,
    sentence: definitionSentence(data.definition as Group, lookups.signals, lookups.segmentNames),
    signals: inputSignals,
    parents,
    children,
    findings,
  };
}

/**
 * One segment as this person sees it, with what they may do to it now and, if not, why
 * (domain/segment-lifecycle): the page offers exactly the actions allowed here.
 */
export async function segmentForViewer(db: Db, viewer: SessionUser, id: string) {
  const segment = await segmentById(db, id);
  const facts = await lifecycleFactsOf(db, segment);
  return { ...segment, can: lifecycleVerdicts(facts, lifecycleActor(viewer)), pendingApprovalId: facts.pendingApproval?.id ?? null };
}

export async function segmentHistory(db: Db, id: string) {
  const rows = await db
    .select({
      version: segmentVersions.version,
      data: segmentVersions.data,
      sensitivity: segmentVersions.sensitivity,
      createdAt: segmentVersions.createdAt,
      authorName: users.name,
      authorEmail: users.email,
    })
    .from(segmentVersions)
    .innerJoin(users, eq(users.id, segmentVersions.createdById))
    .where(eq(segmentVersions.segmentId, id))
    .orderBy(desc(segmentVersions.version));
  if (rows.length === 0) throw notFound("That segment");
  const lookups = await lookupsFor(
    db,
    rows.map((r) => r.data),
  );
  const views = rows.map((r) => versionView(r.data, lookups));
  return rows.map((r, i) => ({
    version: r.version,
    createdAt: r.createdAt,
    authorName: r.authorName,
    authorEmail: r.authorEmail,
    sensitivity: r.sensitivity,
    changed: i + 1 < rows.length ? diffViews(views[i + 1]!, views[i]!).map((c) => c.label) : ["Created"],
  }));
}

export async function segmentDiff(db: Db, input: z.infer<typeof diffInput>) {
  const rows = await db
    .select({ version: segmentVersions.version, data: segmentVersions.data })
    .from(segmentVersions)
    .where(and(eq(segmentVersions.segmentId, input.id), inArray(segmentVersions.version, [input.from, input.to])));
  const from = rows.find((r) => r.version === input.from);
  const to = rows.find((r) => r.version === input.to);
  if (!from || !to) throw notFound("That version");
  const lookups = await lookupsFor(db, [from.data, to.data]);
  return { from: input.from, to: input.to, changes: diffViews(versionView(from.data, lookups), versionView(to.data, lookups)) };
}

/** One stored version in words, field by field (versionView), as the review of an algorithm change pins it. */
export async function versionViewOf(db: DbOrTx, id: string, version: number) {
  const [row] = await db
    .select({ data: segmentVersions.data })
    .from(segmentVersions)
    .where(and(eq(segmentVersions.segmentId, id), eq(segmentVersions.version, version)));
  if (!row) throw notFound("That version");
  return versionView(row.data, await lookupsFor(db, [row.data]));
}
