import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { dataCategories, segmentParentInputs, segments, segmentSignalInputs, segmentVersions, signals } from "@/server/db/schema";
import { invalid } from "@/server/errors";
import { LABELS, maxSensitivity, sensitivityRank, type Sensitivity } from "@/domain/vocab";

/**
 * A segment's sensitivity, derived in this one place (never in SQL): the highest of its inputs
 * (each signal's data category, each parent segment), public when it has none, and raised, never
 * lowered, by the owner's override.
 */
export const deriveSensitivity = (inputs: Iterable<Sensitivity>): Sensitivity => maxSensitivity(inputs);

/** On save: an override below what the inputs demand is refused. */
export function effectiveSensitivity(derived: Sensitivity, override: Sensitivity | null): Sensitivity {
  if (override && sensitivityRank(override) < sensitivityRank(derived)) {
    throw invalid(`Sensitivity cannot be lower than ${LABELS.sensitivity[derived].toLowerCase()}, the highest sensitivity of its inputs. You may only raise it.`, "sensitivityOverride");
  }
  return override ?? derived;
}

/** When an input changed under a saved segment: an override that is now too low gives way. */
export const raisedByOverride = (derived: Sensitivity, override: Sensitivity | null): Sensitivity => maxSensitivity(override ? [override] : [], derived);

/**
 * A segment's sensitivity follows its parents': after a change, segments downstream are
 * re-derived, nearest first, in the same transaction.
 */
export async function refreshDownstreamSensitivity(tx: Tx, segmentId: string) {
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
    const fromSignals = await tx
      .select({ s: dataCategories.defaultSensitivity })
      .from(segmentSignalInputs)
      .innerJoin(signals, eq(signals.id, segmentSignalInputs.signalId))
      .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
      .where(eq(segmentSignalInputs.segmentId, id));
    const fromParents = await tx
      .select({ s: segments.sensitivity })
      .from(segmentParentInputs)
      .innerJoin(segments, eq(segments.id, segmentParentInputs.parentSegmentId))
      .where(eq(segmentParentInputs.segmentId, id));
    const [head] = await tx.select({ data: segmentVersions.data }).from(segments).innerJoin(segmentVersions, eq(segmentVersions.id, segments.headVersionId)).where(eq(segments.id, id));
    const derived = deriveSensitivity([...fromSignals, ...fromParents].map((r) => r.s));
    const override = head?.data.sensitivityOverride ?? null;
    await tx
      .update(segments)
      .set({ derivedSensitivity: derived, sensitivity: raisedByOverride(derived, override) })
      .where(eq(segments.id, id));
  }
}
