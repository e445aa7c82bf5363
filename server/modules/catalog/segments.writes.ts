import { eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { textArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { consentPurposes, dataCategories, segmentParentInputs, segments, segmentSignalInputs, segmentVersions, signals, users } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { hasScope } from "@/server/authz/policy";
import { DomainError, invalid, notFound } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { searchExtra } from "./search-text";
import type { Sensitivity } from "@/domain/vocab";
import { deriveSensitivity, effectiveSensitivity, refreshDownstreamSensitivity } from "./sensitivity";
import { evaluateAndStore, lockSegments, segmentAndDownstream } from "@/server/modules/policy/evaluation.service";
import { collectRefs, definitionProblems, type Group, type SignalInfo } from "@/domain/segment-definition";
import { lifecycleActor, lifecycleFactsOf, requireLifecycle } from "@/server/modules/reviews/lifecycle-facts";
import type { createSegmentInput, SegmentFields, updateSegmentInput } from "./schemas";
import type { VersionData } from "./version-view";
import { inTransaction } from "@/server/db/transaction";

/** Segment writes: create, and edit as a new head version. Reads are in segments.queries.ts. */

/** JSON with sorted keys: jsonb returns objects with its own key order. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
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
    ? await tx.select({ id: segments.id, name: segments.name, sensitivity: segments.sensitivity, status: segments.status }).from(segments).where(inArray(segments.id, parentIds))
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

const inputSensitivities = (inputs: ResolvedInputs): Sensitivity[] => [...[...inputs.signals.values()].map((s) => s.sensitivity), ...[...inputs.parents.values()].map((p) => p.sensitivity)];

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

/** Writes a new head version and the row and edges that mirror it. */
async function writeHead(tx: Tx, segmentId: string, version: number, data: VersionData, inputs: ResolvedInputs, derived: Sensitivity, effective: Sensitivity, authorId: string) {
  const [v] = await tx
    .insert(segmentVersions)
    .values({ segmentId, version, data, derivedSensitivity: derived, sensitivity: effective, createdById: authorId })
    .returning({ id: segmentVersions.id });
  const signalIds = [...inputs.signals.keys()];
  const sourceIds = [...new Set([...inputs.signals.values()].map((s) => s.sourceId))];
  // Version 1 is a segment created in this transaction: it has no inputs to delete yet.
  if (version > 1) {
    await tx.delete(segmentSignalInputs).where(eq(segmentSignalInputs.segmentId, segmentId));
    await tx.delete(segmentParentInputs).where(eq(segmentParentInputs.segmentId, segmentId));
  }
  if (signalIds.length) await tx.insert(segmentSignalInputs).values(signalIds.map((signalId) => ({ segmentId, signalId })));
  if (inputs.parentModes.length) {
    await tx.insert(segmentParentInputs).values(inputs.parentModes.map((p) => ({ segmentId, parentSegmentId: p.segmentId, mode: p.mode })));
  }
  // The inputs are in place, so one update writes the row and its search text (search-text.ts)
  // together: one statement and one row version fewer than updating the text afterwards.
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
      // Spelled out: drizzle may print a column of the updated table unqualified, which the
      // subquery would read as its own signals.id.
      searchExtra: searchExtra(textArray(data.tags), sql`"segments"."id"`),
      updatedAt: sql`now()`,
    })
    .where(eq(segments.id, segmentId));
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
  return inTransaction(db, async (tx) => {
    await validateReferences(tx, fields, ownerId);
    const inputs = await resolveInputs(tx, fields.definition, null);
    const derived = deriveSensitivity(inputSensitivities(inputs));
    const effective = effectiveSensitivity(derived, fields.sensitivityOverride);
    // A taken key is a unique violation, answered as a conflict on `key` (server/errors.ts).
    const [row] = await tx
      .insert(segments)
      .values({ key, name: fields.name, businessGoal: fields.businessGoal, ownerId, derivedSensitivity: derived, sensitivity: effective, version: 1 })
      .returning({ id: segments.id });
    const id = row!.id;
    const data = dataOf(key, fields, ownerId);
    await writeHead(tx, id, 1, data, inputs, derived, effective, user.id);
    await evaluateAndStore(tx, [id], undefined, { created: true });
    await recordAudit(tx, { actor, action: "segment.created", entityType: "segment", entityId: id, after: { version: 1, sensitivity: effective, ...data } });
    return { id, version: 1 };
  });
}

export async function updateSegment(db: Db, user: SessionUser, actor: AuditActor, input: z.infer<typeof updateSegmentInput>) {
  const { id, baseVersion, ...fields } = input;
  return inTransaction(db, async (tx) => {
    // The row lock makes concurrent saves queue; the version check makes the later one fail.
    const [row] = await tx.select().from(segments).where(eq(segments.id, id)).for("no key update");
    if (!row) throw notFound("That segment");
    requireLifecycle("edit", await lifecycleFactsOf(tx, row), lifecycleActor(user));
    const canEditAny = hasScope(user.roles, "segment:edit_any");
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
    const derived = deriveSensitivity(inputSensitivities(inputs));
    const effective = effectiveSensitivity(derived, fields.sensitivityOverride);
    const [prev] = await tx.select({ data: segmentVersions.data }).from(segmentVersions).where(eq(segmentVersions.id, row.headVersionId!));
    const data = dataOf(row.key, fields, ownerId);
    if (stableStringify(prev?.data) === stableStringify(data)) return { id, version: row.version, unchanged: true };
    const version = row.version + 1;
    await writeHead(tx, id, version, data, inputs, derived, effective, user.id);
    // Its own findings and those of every segment built on it may change with it: their rows are
    // locked now, in id order, before any of them is written (see lockSegments).
    const affected = await segmentAndDownstream(tx, id);
    await lockSegments(tx, affected);
    if (effective !== row.sensitivity) await refreshDownstreamSensitivity(tx, id);
    await evaluateAndStore(tx, affected);
    await recordAudit(tx, {
      actor,
      action: "segment.updated",
      entityType: "segment",
      entityId: id,
      before: { version: row.version, sensitivity: row.sensitivity, ...prev?.data },
      after: { version, sensitivity: effective, ...data },
    });
    return { id, version, unchanged: false };
  });
}
