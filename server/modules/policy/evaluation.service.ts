import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { intArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { evaluate } from "@/server/policy/engine";
import type { Finding } from "@/server/policy/types";
import { loadPolicyInputs } from "./inputs";
import { currentPolicy, type PolicyInForce } from "./settings.service";

const CHUNK = 5000;

/** Identifies the same finding across evaluations, so an exception keeps covering it. */
export function fingerprintOf(f: Finding): string {
  const sorted = (xs: string[]) => [...xs].sort().join(",");
  return `${f.policyKey}|${sorted(f.purposes)}|${sorted(f.channels)}|${sorted(f.signals.map((s) => s.id))}`;
}

export interface EvaluationResult {
  segmentId: string;
  findings: Finding[];
}

/**
 * Locks these segments' rows, in id order, and returns their versions. Findings are replaced and
 * counts written for a segment and everything built on it, so two saves (a parent and its child)
 * touch overlapping sets: taking the locks in one fixed order means neither can hold one the
 * other waits for. NO KEY UPDATE, because no key changes: a child's foreign key to its parent
 * (KEY SHARE) does not have to wait for it.
 */
export async function lockSegments(tx: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ id: string; version: number }>(await tx.execute(sql`SELECT id, version FROM segments WHERE id = ANY(${uuidArray(ids)}) ORDER BY id FOR NO KEY UPDATE`));
  return new Map(rows.map((r) => [r.id, r.version]));
}

/**
 * Evaluates the head version of each segment and stores its findings, replacing earlier ones,
 * in the caller's transaction. Set-based, so thousands of segments take a few queries.
 * `created`: the segments were created in this transaction, so no earlier findings exist to delete.
 */
export async function evaluateAndStore(tx: DbOrTx, segmentIds: string[], policy?: PolicyInForce, opts: { created?: boolean } = {}): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  if (segmentIds.length === 0) return results;
  const inForce = policy ?? (await currentPolicy(tx));
  for (let i = 0; i < segmentIds.length; i += CHUNK) {
    const chunk = segmentIds.slice(i, i + CHUNK);
    const inputs = await loadPolicyInputs(tx, chunk);
    const versions = await lockSegments(tx, chunk);
    const rows: Array<Record<string, unknown>> = [];
    const counts: Array<{ id: string; block: number; warn: number }> = [];
    for (const [segmentId, input] of inputs) {
      const findings = evaluate(input, inForce.settings);
      results.push({ segmentId, findings });
      counts.push({ id: segmentId, block: findings.filter((f) => f.severity === "block").length, warn: findings.filter((f) => f.severity === "warn").length });
      for (const f of findings) {
        rows.push({
          segment_id: segmentId,
          segment_version: versions.get(segmentId)!,
          policy_version: inForce.version,
          policy_key: f.policyKey,
          fingerprint: fingerprintOf(f),
          severity: f.severity,
          title: f.title,
          message: f.message,
          remedy: f.remedy,
          signals: f.signals,
          // Array literals: keys and channel names are plain identifiers, no quoting needed.
          purposes: `{${f.purposes.join(",")}}`,
          channels: `{${f.channels.join(",")}}`,
        });
      }
    }
    if (!opts.created)
      await tx.execute(sql`
        DELETE FROM segment_findings f USING segments s
        WHERE f.segment_id = s.id AND s.id = ANY(${uuidArray(chunk)}) AND f.segment_version = s.version`);
    // One parameter for all rows: binding thousands of rows column by column is the slow part.
    if (rows.length) {
      await tx.execute(sql`
        INSERT INTO segment_findings (segment_id, segment_version, policy_version, policy_key, fingerprint, severity, title, message, remedy, signals, purposes, channels)
        SELECT r.segment_id, r.segment_version, r.policy_version, r.policy_key, r.fingerprint, r.severity, r.title, r.message, r.remedy, r.signals,
               r.purposes, r.channels
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
          segment_id uuid, segment_version int, policy_version int, policy_key text, fingerprint text, severity text,
          title text, message text, remedy text, signals jsonb, purposes text[], channels text[])`);
    }
    if (counts.length) {
      await tx.execute(sql`
        UPDATE segments s SET blocking_count = c.block, warning_count = c.warn
        FROM unnest(${uuidArray(counts.map((c) => c.id))}, ${intArray(counts.map((c) => c.block))}, ${intArray(counts.map((c) => c.warn))}) AS c(id, block, warn)
        WHERE s.id = c.id`);
    }
  }
  return results;
}

/** Segments fed by any of these signals, directly or through parent segments (cycle-safe). */
export async function segmentsDownstreamOfSignals(tx: DbOrTx, signalIds: string[]): Promise<string[]> {
  if (signalIds.length === 0) return [];
  return rowsOf<{ id: string }>(
    await tx.execute(sql`
      WITH RECURSIVE down(id) AS (
        SELECT segment_id FROM segment_signal_inputs WHERE signal_id = ANY(${uuidArray(signalIds)})
        UNION
        SELECT i.segment_id FROM segment_parent_inputs i JOIN down d ON i.parent_segment_id = d.id
      )
      SELECT id FROM down`),
  ).map((r) => r.id);
}

/** This segment and every segment built on it. */
export async function segmentAndDownstream(tx: DbOrTx, segmentId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await tx.execute(sql`
      WITH RECURSIVE down(id) AS (
        SELECT ${segmentId}::uuid
        UNION
        SELECT i.segment_id FROM segment_parent_inputs i JOIN down d ON i.parent_segment_id = d.id
      )
      SELECT id FROM down`),
  ).map((r) => r.id);
}

export async function allSegmentIds(tx: DbOrTx): Promise<string[]> {
  return rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM segments WHERE status <> 'retired'`)).map((r) => r.id);
}
