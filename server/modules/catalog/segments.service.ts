import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import {
  consentPurposes,
  dataCategories,
  dataSources,
  segmentParentInputs,
  segments,
  segmentSignalInputs,
  segmentVersions,
  signals,
  users,
} from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { hasScope } from "@/server/authz/policy";
import { DomainError, invalid, notFound } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { collectRefs, definitionProblems, definitionSentence, type Group, type SignalInfo } from "./definition";
import { RECERT_DUE_SOON_DAYS, type createSegmentInput, type diffInput, type listSegmentsInput, type SegmentFields, type updateSegmentInput } from "./schemas";
import { listPage, resolveSearch, textMatch, textRank, type SortKey } from "./search-sql";
import { consentsOf } from "./signals.service";
import { diffViews, versionView, type Lookups, type VersionData } from "./version-view";
import { LABELS, maxSensitivity, sensitivityRank, type Sensitivity } from "@/domain/vocab";
import { evaluateAndStore, segmentAndDownstream } from "@/server/modules/policy/evaluation.service";
import { coveredByException } from "@/server/modules/policy/exception-cover";
import { findingsOf } from "@/server/modules/policy/findings.service";

/** JSON with sorted keys: jsonb returns objects with its own key order. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}


interface ResolvedInputs {
  signals: Map<string, SignalInfo & { id: string; sensitivity: Sensitivity; sourceId: string }>;
  parents: Map<string, { id: string; name: string; sensitivity: Sensitivity }>;
  parentModes: Array<{ segmentId: string; mode: "include" | "exclude" }>;
}

async function resolveInputs(tx: DbOrTx, definition: Group, selfId: string | null): Promise<ResolvedInputs> {
  const refs = collectRefs(definition);
  const signalRows = refs.signalIds.length
    ? await tx
        .select({
          id: signals.id,
          name: signals.name,
          valueType: signals.valueType,
          allowedValues: signals.allowedValues,
          sensitivity: dataCategories.defaultSensitivity,
          sourceId: signals.sourceId,
          retiredAt: signals.retiredAt,
        })
        .from(signals)
        .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
        .where(inArray(signals.id, refs.signalIds))
    : [];
  const signalMap = new Map(signalRows.filter((s) => !s.retiredAt).map((s) => [s.id, s]));
  const problems = definitionProblems(definition, signalMap);
  if (problems.length) throw invalid(problems.join(" "), "definition");

  const parentIds = refs.parents.map((p) => p.segmentId);
  if (selfId && parentIds.includes(selfId)) throw invalid("A segment cannot include or exclude itself.", "definition");
  const parentRows = parentIds.length
    ? await tx
        .select({ id: segments.id, name: segments.name, sensitivity: segments.sensitivity, status: segments.status })
        .from(segments)
        .where(inArray(segments.id, parentIds))
    : [];
  for (const id of parentIds) {
    const p = parentRows.find((r) => r.id === id);
    if (!p) throw invalid("The definition uses a segment that does not exist.", "definition");
    if (p.status === "retired") throw invalid(`The segment “${p.name}” is retired and cannot be used.`, "definition");
  }
  if (selfId && parentIds.length) await refuseCycle(tx, selfId, parentIds);
  return { signals: signalMap, parents: new Map(parentRows.map((p) => [p.id, p])), parentModes: refs.parents };
}

/** Refuses parents that already depend on this segment, directly or through others. */
async function refuseCycle(tx: DbOrTx, selfId: string, parentIds: string[]) {
  const rows = rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`
      WITH RECURSIVE ancestors(id, via) AS (
        SELECT p, p FROM unnest(${uuidArray(parentIds)}) AS p
        UNION
        SELECT i.parent_segment_id, a.via FROM segment_parent_inputs i JOIN ancestors a ON i.segment_id = a.id
      )
      SELECT s.id, s.name FROM ancestors a JOIN segments s ON s.id = a.via WHERE a.id = ${selfId} LIMIT 1`),
  );
  if (rows[0]) {
    throw invalid(`“${rows[0].name}” already depends on this segment, so using it here would make a cycle.`, "definition");
  }
}

function deriveSensitivity(inputs: ResolvedInputs): Sensitivity {
  return maxSensitivity([...[...inputs.signals.values()].map((s) => s.sensitivity), ...[...inputs.parents.values()].map((p) => p.sensitivity)]);
}

function effectiveSensitivity(derived: Sensitivity, override: Sensitivity | null): Sensitivity {
  if (override && sensitivityRank(override) < sensitivityRank(derived)) {
    throw invalid(
      `Sensitivity cannot be lower than ${LABELS.sensitivity[derived].toLowerCase()}, the highest sensitivity of its inputs. You may only raise it.`,
      "sensitivityOverride",
    );
  }
  return override ?? derived;
}

async function validateReferences(tx: DbOrTx, fields: SegmentFields, ownerId: string) {
  if (fields.declaredPurposeIds.length) {
    const found = await tx
      .select({ id: consentPurposes.id, retiredAt: consentPurposes.retiredAt, name: consentPurposes.name })
      .from(consentPurposes)
      .where(inArray(consentPurposes.id, fields.declaredPurposeIds));
    if (found.length !== new Set(fields.declaredPurposeIds).size) throw invalid("A declared purpose does not exist.", "declaredPurposeIds");
    const retired = found.find((p) => p.retiredAt);
    if (retired) throw invalid(`The purpose “${retired.name}” is retired.`, "declaredPurposeIds");
  }
  const [owner] = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, ownerId));
  if (!owner || owner.disabledAt) throw invalid("Choose an active user as owner.", "ownerId");
}

async function searchExtra(tx: DbOrTx, tags: string[], signalIds: string[]): Promise<string> {
  const names = signalIds.length
    ? (await tx.select({ name: signals.name }).from(signals).where(inArray(signals.id, signalIds)).orderBy(asc(signals.name))).map((s) => s.name)
    : [];
  return [...tags, ...names].join(" ");
}

/** Writes a new head version and the row and edges that mirror it. */
async function writeHead(tx: Tx, segmentId: string, version: number, data: VersionData, inputs: ResolvedInputs, derived: Sensitivity, effective: Sensitivity, authorId: string) {
  const [v] = await tx
    .insert(segmentVersions)
    .values({ segmentId, version, data, derivedSensitivity: derived, sensitivity: effective, createdById: authorId })
    .returning({ id: segmentVersions.id });
  const signalIds = [...inputs.signals.keys()];
  const sourceIds = [...new Set([...inputs.signals.values()].map((s) => s.sourceId))];
  await tx
    .update(segments)
    .set({
      name: data.name,
      description: data.description,
      purposeStatement: data.purposeStatement,
      businessGoal: data.businessGoal,
      channels: data.channels,
      purposeIds: data.declaredPurposeIds,
      sourceIds,
      tags: data.tags,
      team: data.team,
      ownerId: data.ownerId,
      derivedSensitivity: derived,
      sensitivity: effective,
      version,
      headVersionId: v!.id,
      recertifyBy: data.recertifyBy,
      searchExtra: await searchExtra(tx, data.tags, signalIds),
      updatedAt: sql`now()`,
    })
    .where(eq(segments.id, segmentId));
  await tx.delete(segmentSignalInputs).where(eq(segmentSignalInputs.segmentId, segmentId));
  await tx.delete(segmentParentInputs).where(eq(segmentParentInputs.segmentId, segmentId));
  if (signalIds.length) await tx.insert(segmentSignalInputs).values(signalIds.map((signalId) => ({ segmentId, signalId })));
  if (inputs.parentModes.length) {
    await tx.insert(segmentParentInputs).values(inputs.parentModes.map((p) => ({ segmentId, parentSegmentId: p.segmentId, mode: p.mode })));
  }
}

/**
 * A segment's sensitivity follows its parents': after a change, segments downstream are
 * re-derived, nearest first, in the same transaction.
 */
async function refreshDownstreamSensitivity(tx: Tx, segmentId: string) {
  const downstream = rowsOf<{ id: string }>(
    await tx.execute(sql`
      WITH RECURSIVE down(id, depth) AS (
        SELECT segment_id, 1 FROM segment_parent_inputs WHERE parent_segment_id = ${segmentId}
        UNION
        SELECT i.segment_id, d.depth + 1 FROM segment_parent_inputs i JOIN down d ON i.parent_segment_id = d.id WHERE d.depth < 50
      )
      SELECT id FROM down GROUP BY id ORDER BY max(depth)`),
  );
  for (const { id } of downstream) {
    await tx.execute(sql`
      UPDATE segments s SET
        derived_sensitivity = d.derived,
        sensitivity = CASE WHEN v.sensitivity_override IS NOT NULL AND v.sensitivity_override::sensitivity > d.derived THEN v.sensitivity_override::sensitivity ELSE d.derived END
      FROM (
        SELECT greatest(
          (SELECT max(c.default_sensitivity) FROM segment_signal_inputs i JOIN signals sg ON sg.id = i.signal_id JOIN data_categories c ON c.id = sg.category_id WHERE i.segment_id = ${id}),
          (SELECT max(p.sensitivity) FROM segment_parent_inputs i JOIN segments p ON p.id = i.parent_segment_id WHERE i.segment_id = ${id}),
          'public'::sensitivity) AS derived
      ) d,
      (SELECT sv.data->>'sensitivityOverride' AS sensitivity_override FROM segment_versions sv JOIN segments s2 ON s2.head_version_id = sv.id WHERE s2.id = ${id}) v
      WHERE s.id = ${id}`);
  }
}

const dataOf = (key: string, fields: SegmentFields, ownerId: string): VersionData => {
  const { ownerId: _o, ...rest } = fields;
  return { ...rest, key, ownerId };
};

export async function createSegment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof createSegmentInput>) {
  const { key, ...fields } = input;
  const ownerId = fields.ownerId ?? user.id;
  if (ownerId !== user.id && !hasScope(user.roles, "segment:edit_any")) {
    throw new DomainError("FORBIDDEN", "You can create segments only with yourself as owner.", { field: "ownerId" });
  }
  return db.transaction(async (tx) => {
    await validateReferences(tx, fields, ownerId);
    const inputs = await resolveInputs(tx, fields.definition, null);
    const derived = deriveSensitivity(inputs);
    const effective = effectiveSensitivity(derived, fields.sensitivityOverride);
    // A taken key is a unique violation, answered as a conflict on `key` (server/errors.ts).
    const [row] = await tx
      .insert(segments)
      .values({ key, name: fields.name, businessGoal: fields.businessGoal, ownerId, derivedSensitivity: derived, sensitivity: effective, version: 1 })
      .returning({ id: segments.id });
    const id = row!.id;
    const data = dataOf(key, fields, ownerId);
    await writeHead(tx, id, 1, data, inputs, derived, effective, user.id);
    await evaluateAndStore(tx, [id]);
    await recordAudit(tx, { actor, action: "segment.created", entityType: "segment", entityId: id, after: { version: 1, sensitivity: effective, ...data } });
    return { id, version: 1 };
  });
}

export async function updateSegment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof updateSegmentInput>) {
  const { id, baseVersion, ...fields } = input;
  return db.transaction(async (tx) => {
    // The row lock makes concurrent saves queue; the version check makes the later one fail.
    const [row] = await tx.select().from(segments).where(eq(segments.id, id)).for("update");
    if (!row) throw notFound("That segment");
    const canEditAny = hasScope(user.roles, "segment:edit_any");
    if (!canEditAny && row.ownerId !== user.id) {
      throw new DomainError("FORBIDDEN", "You can edit only segments you own. Ask the owner or a data steward.");
    }
    if (!canEditAny && (row.status === "in_review" || row.status === "retired")) {
      throw new DomainError(
        "FORBIDDEN",
        row.status === "in_review" ? "This segment is in review. Withdraw the review request to change it, or ask a data steward." : "This segment is retired; it can no longer be edited.",
      );
    }
    const ownerId = fields.ownerId ?? row.ownerId;
    if (ownerId !== row.ownerId && !canEditAny) throw new DomainError("FORBIDDEN", "Only a data steward can hand a segment to another owner.", { field: "ownerId" });
    if (row.version !== baseVersion) {
      const [head] = await tx
        .select({ at: segmentVersions.createdAt, by: users.name })
        .from(segmentVersions)
        .innerJoin(users, eq(users.id, segmentVersions.createdById))
        .where(eq(segmentVersions.id, row.headVersionId!));
      throw new DomainError(
        "CONFLICT",
        `${head?.by ?? "Someone"} saved version ${row.version} of this segment after you started editing version ${baseVersion}. Reload to see their changes; nothing of yours was saved.`,
      );
    }
    await validateReferences(tx, fields, ownerId);
    const inputs = await resolveInputs(tx, fields.definition, id);
    const derived = deriveSensitivity(inputs);
    const effective = effectiveSensitivity(derived, fields.sensitivityOverride);
    const [prev] = await tx.select({ data: segmentVersions.data }).from(segmentVersions).where(eq(segmentVersions.id, row.headVersionId!));
    const data = dataOf(row.key, fields, ownerId);
    if (stableStringify(prev?.data) === stableStringify(data)) return { id, version: row.version, unchanged: true };
    const version = row.version + 1;
    await writeHead(tx, id, version, data, inputs, derived, effective, user.id);
    if (effective !== row.sensitivity) await refreshDownstreamSensitivity(tx, id);
    // Its own findings and those of every segment built on it may change with it.
    await evaluateAndStore(tx, await segmentAndDownstream(tx, id));
    await recordAudit(tx, {
      actor,
      action: "segment.updated",
      entityType: "segment",
      entityId: id,
      before: { version: row.version, sensitivity: row.sensitivity, ...(prev?.data as object) },
      after: { version, sensitivity: effective, ...data },
    });
    return { id, version, unchanged: false };
  });
}

// ---- reads

/** Active, and re-certification falls due within RECERT_DUE_SOON_DAYS or is past: the list filter and the dashboard count. */
export const recertificationDue = sql`${segments.status} = 'active' AND ${segments.recertifyBy} <= current_date + ${RECERT_DUE_SOON_DAYS}::int`;

/** A blocking finding on the head version that no unexpired exception covers; decided at read time. */
const unwaivedBlockingExists = sql`EXISTS (
  SELECT 1 FROM segment_findings f
  WHERE f.segment_id = ${segments.id} AND f.segment_version = ${segments.version} AND f.severity = 'block' AND NOT ${coveredByException})`;

export async function listSegments(db: Db, input: z.infer<typeof listSegmentsInput>) {
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
  if (input.findings === "blocked") where.push(unwaivedBlockingExists);
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
  const { rows, total } = await listPage(db, { from: segments, id: segments.id, where: and(...where) }, input, {
    searchSort,
    inOrder: (limit, offset) => select().where(and(...where)).orderBy(...orderBy).limit(limit).offset(offset),
    byIds: (ids) => select().where(inArray(segments.id, ids)),
  });
  const blocked = await blockedAmong(db, rows.map((i) => i.id));
  return { items: rows.map((i) => ({ ...i, blocked: blocked.has(i.id) })), total, page: input.page, pageSize: input.pageSize };
}

/**
 * Which of these segments are blocked (see unwaivedBlockingExists), asked for one page's ids
 * after the page is chosen: in the page query's select list the planner costs the check for
 * every candidate row, not the 25 shown, and hashes every blocking finding on each call.
 */
async function blockedAmong(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT DISTINCT f.segment_id AS id
      FROM segment_findings f JOIN segments s ON s.id = f.segment_id AND f.segment_version = s.version
      WHERE f.segment_id = ANY(${uuidArray(ids)}) AND f.severity = 'block' AND NOT ${coveredByException}`),
  );
  return new Set(rows.map((r) => r.id));
}

/** Names needed to render any set of versions in words. */
async function lookupsFor(db: DbOrTx, datas: VersionData[]): Promise<Lookups> {
  const signalIds = new Set<string>();
  const segmentIds = new Set<string>();
  const purposeIds = new Set<string>();
  const userIds = new Set<string>();
  for (const d of datas) {
    const refs = collectRefs(d.definition as Group);
    refs.signalIds.forEach((s) => signalIds.add(s));
    refs.parents.forEach((p) => segmentIds.add(p.segmentId));
    d.declaredPurposeIds.forEach((p) => purposeIds.add(p));
    userIds.add(d.ownerId);
  }
  const [sigs, segs, purps, us] = await Promise.all([
    signalIds.size ? db.select({ id: signals.id, name: signals.name, valueType: signals.valueType, allowedValues: signals.allowedValues }).from(signals).where(inArray(signals.id, [...signalIds])) : [],
    segmentIds.size ? db.select({ id: segments.id, name: segments.name }).from(segments).where(inArray(segments.id, [...segmentIds])) : [],
    purposeIds.size ? db.select({ id: consentPurposes.id, name: consentPurposes.name }).from(consentPurposes).where(inArray(consentPurposes.id, [...purposeIds])) : [],
    userIds.size ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...userIds])) : [],
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
  const data = row.data as VersionData;
  // Independent reads, run side by side: the page waits for the slowest, not for their sum.
  const [lookups, inputSignals, parents, children, findings] = await Promise.all([
    lookupsFor(db, [data]),
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
        const consents = await consentsOf(db, rows.map((s) => s.id));
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

export async function segmentHistory(db: Db, id: string) {
  const rows = await db
    .select({ version: segmentVersions.version, data: segmentVersions.data, sensitivity: segmentVersions.sensitivity, createdAt: segmentVersions.createdAt, authorName: users.name, authorEmail: users.email })
    .from(segmentVersions)
    .innerJoin(users, eq(users.id, segmentVersions.createdById))
    .where(eq(segmentVersions.segmentId, id))
    .orderBy(desc(segmentVersions.version));
  if (rows.length === 0) throw notFound("That segment");
  const lookups = await lookupsFor(db, rows.map((r) => r.data as VersionData));
  const views = rows.map((r) => versionView(r.data as VersionData, lookups));
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
  const lookups = await lookupsFor(db, [from.data as VersionData, to.data as VersionData]);
  return { from: input.from, to: input.to, changes: diffViews(versionView(from.data as VersionData, lookups), versionView(to.data as VersionData, lookups)) };
}
