import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { consentPurposes } from "@/server/db/schema";
import type { LawfulBasis } from "@/domain/vocab";
import type { PolicyInput, PolicySegment, PolicySignal } from "@/server/policy/types";

/**
 * What the checks read of a stored segment version (segment_versions.data, a SegmentVersionData;
 * migration 0019 gave older versions every field). Only what the checks need, so the policy module does not depend on the catalog.
 */
export type StoredVersionFields = Pick<PolicySegment, "channels"> & {
  declaredPurposeIds: string[];
  purposeStatement: string;
  rationale: PolicySegment["rationale"];
  refreshCadence: string | null;
  lookbackDays: number | null;
  minCohortSize: number | null;
  frequencyCaps: PolicySegment["frequencyCaps"];
};

/**
 * Builds the engine's input for many segments in a fixed number of queries: head versions, every
 * upstream signal with the parent path it arrives through, and the signals' consent provenance.
 */
export async function loadPolicyInputs(db: DbOrTx, segmentIds: string[]): Promise<Map<string, PolicyInput>> {
  const out = new Map<string, PolicyInput>();
  if (segmentIds.length === 0) return out;
  const ids = uuidArray(segmentIds);
  const heads = rowsOf<{ id: string; name: string; owner_id: string; approved_at: string | Date | null; data: StoredVersionFields }>(
    await db.execute(sql`
      SELECT s.id, s.name, s.owner_id, s.approved_at, v.data
      FROM segments s JOIN segment_versions v ON v.id = s.head_version_id
      WHERE s.id = ANY(${ids})`),
  );
  // Every (segment, signal) pair reachable through parents, with the shortest path of names.
  const reach = rowsOf<{ root: string; signal_id: string; path: string[] }>(
    await db.execute(sql`
      WITH RECURSIVE reach(root, seg, path_ids, path_names, depth) AS (
        SELECT s.id, s.id, ARRAY[]::uuid[], ARRAY[]::text[], 0 FROM segments s WHERE s.id = ANY(${ids})
        UNION ALL
        SELECT r.root, p.parent_segment_id, r.path_ids || p.parent_segment_id, r.path_names || ps.name, r.depth + 1
        FROM reach r
        JOIN segment_parent_inputs p ON p.segment_id = r.seg
        JOIN segments ps ON ps.id = p.parent_segment_id
        WHERE r.depth < 20 AND NOT (p.parent_segment_id = ANY(r.path_ids))
      )
      SELECT DISTINCT ON (r.root, i.signal_id) r.root, i.signal_id, r.path_names AS path
      FROM reach r JOIN segment_signal_inputs i ON i.segment_id = r.seg
      ORDER BY r.root, i.signal_id, r.depth`),
  );
  const signalById = await loadPolicySignals(db, [...new Set(reach.map((r) => r.signal_id))]);

  const purposeIds = new Set(heads.flatMap((h) => h.data.declaredPurposeIds));
  const purposes = purposeIds.size
    ? await db
        .select({ id: consentPurposes.id, key: consentPurposes.key, name: consentPurposes.name })
        .from(consentPurposes)
        .where(inArray(consentPurposes.id, [...purposeIds]))
    : [];
  const purposeKeyById = new Map(purposes.map((p) => [p.id, p.key]));
  const allPurposeNames = await purposeNames(db);

  const signalsByRoot = new Map<string, PolicySignal[]>();
  for (const r of reach) {
    const s = signalById.get(r.signal_id);
    if (!s) continue;
    signalsByRoot.set(r.root, [...(signalsByRoot.get(r.root) ?? []), { ...s, via: r.path }]);
  }
  for (const h of heads) {
    const d = h.data;
    out.set(h.id, {
      segment: {
        id: h.id,
        name: h.name,
        declaredPurposeKeys: d.declaredPurposeIds.map((id) => purposeKeyById.get(id)).filter((k): k is string => Boolean(k)),
        channels: d.channels,
        purposeStatement: d.purposeStatement ?? "",
        rationale: d.rationale ?? { assumptions: "", limitations: "", expectedOutcomes: "" },
        ownerId: h.owner_id,
        refreshCadence: d.refreshCadence ?? null,
        lookbackDays: d.lookbackDays ?? null,
        minCohortSize: d.minCohortSize ?? null,
        frequencyCaps: d.frequencyCaps ?? {},
        approvedAt: h.approved_at ? new Date(h.approved_at) : null,
      },
      signals: signalsByRoot.get(h.id) ?? [],
      purposeNames: allPurposeNames,
    });
  }
  return out;
}

/** Display names of every consent purpose, by key, for the findings' wording. */
export async function purposeNames(db: DbOrTx): Promise<Record<string, string>> {
  return Object.fromEntries((await db.select({ key: consentPurposes.key, name: consentPurposes.name }).from(consentPurposes)).map((p) => [p.key, p.name]));
}

/** What the checks read of these signals, with their consent provenance, in two queries. */
export async function loadPolicySignals(db: DbOrTx, signalIds: string[]): Promise<Map<string, Omit<PolicySignal, "via">>> {
  const signalRows = signalIds.length
    ? rowsOf<{
        id: string;
        name: string;
        category_key: string;
        kind: PolicySignal["kind"];
        fidelity: PolicySignal["fidelity"];
        retention_days: number;
        jurisdictions: string[];
        consent_changed_at: string | Date | null;
      }>(
        await db.execute(sql`
          SELECT sg.id, sg.name, c.key AS category_key, sg.kind, sg.fidelity, sg.retention_days, src.jurisdictions, sg.consent_changed_at
          FROM signals sg JOIN data_categories c ON c.id = sg.category_id JOIN data_sources src ON src.id = sg.source_id
          WHERE sg.id = ANY(${uuidArray(signalIds)})`),
      )
    : [];
  const consentRows = signalIds.length
    ? rowsOf<{ signal_id: string; purpose_key: string; lawful_basis: LawfulBasis }>(
        await db.execute(sql`
          SELECT sc.signal_id, p.key AS purpose_key, sc.lawful_basis
          FROM signal_consents sc JOIN consent_purposes p ON p.id = sc.purpose_id
          WHERE sc.signal_id = ANY(${uuidArray(signalIds)})`),
      )
    : [];
  const consents = new Map<string, PolicySignal["consents"]>();
  for (const c of consentRows) consents.set(c.signal_id, [...(consents.get(c.signal_id) ?? []), { purposeKey: c.purpose_key, lawfulBasis: c.lawful_basis }]);
  return new Map(
    signalRows.map((s) => [
      s.id,
      {
        id: s.id,
        name: s.name,
        categoryKey: s.category_key,
        kind: s.kind,
        fidelity: s.fidelity,
        retentionDays: s.retention_days,
        jurisdictions: s.jurisdictions,
        consents: consents.get(s.id) ?? [],
        consentChangedAt: s.consent_changed_at ? new Date(s.consent_changed_at) : null,
      },
    ]),
  );
}
