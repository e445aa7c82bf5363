import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";

/**
 * A segment's extra search text (segments.search_extra, weight C of its search vector): its tags,
 * then its input signals' names in name order, separated by spaces. Built here only, so a save and
 * a signal's rename write the same text.
 */
export async function refreshSegmentSearchText(tx: DbOrTx, which: { segmentId: string } | { signalId: string }) {
  const target = "segmentId" in which ? sql`s.id = ${which.segmentId}` : sql`s.id IN (SELECT segment_id FROM segment_signal_inputs WHERE signal_id = ${which.signalId})`;
  await tx.execute(sql`UPDATE segments s SET search_extra = ${searchExtra(sql`s.tags`, sql`s.id`)} WHERE ${target}`);
}

/** The text itself, for the segment `id` with these tags; a save sets it in the update that writes the row. */
export const searchExtra = (tags: SQL, id: SQL): SQL =>
  sql`array_to_string(${tags} || ARRAY(
      SELECT sg.name FROM segment_signal_inputs i JOIN signals sg ON sg.id = i.signal_id WHERE i.segment_id = ${id} ORDER BY sg.name), ' ')`;
