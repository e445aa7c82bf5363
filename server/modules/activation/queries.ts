import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepareSql, preparedOnce } from "@/server/db/prepared";
import { rowsOf } from "@/server/db/rows";
import type { ActivationFacts } from "@/domain/activation-decision";
import type { Channel, SegmentStatus } from "@/domain/vocab";

/** One segment's facts for the gate, with what the answer reports beside the decision. */
export interface GateSegment {
  id: string;
  key: string;
  name: string;
  /** The version in force (the approved one); null while none is approved. */
  version: number | null;
  facts: ActivationFacts;
  minimumCohort: number | null;
  frequencyCaps: Partial<Record<Channel, { count: number; perDays: number }>>;
}

interface Row {
  id: string;
  key: string;
  name: string;
  status: SegmentStatus;
  recertify_by: string | null;
  consent_changed_upstream: boolean;
  in_force: number | null;
  channels: Channel[];
  purpose_keys: string[] | null;
  min_cohort: number | null;
  caps: Partial<Record<Channel, { count: number; perDays: number }>> | null;
  /** [policyKey, title, latest unrevoked exception expiry], or null when there are none. */
  findings: Array<[string, string, string | null]> | null;
}

/**
 * Everything the gate needs about a set of segments by key, in ONE statement (so one snapshot of
 * committed state, and one round trip whether 1 or 1,000 keys are asked). Channels, purposes,
 * the cohort and the frequency caps are the version in force's (segment_versions.data), not the
 * head's: a draft edit adding a channel does not open it before it is approved. While no version
 * is approved the head's are used, and the status denies anyway. Blocking findings are those
 * stored for the version in force, each with the latest expiry of the unrevoked exceptions that
 * carry its fingerprint; whether that expiry is still ahead is decided with the request's clock
 * (domain/activation-decision exceptionCoversAt, as policy/exception-cover decides elsewhere).
 * No cache: every call reads the database, so no stale allow can be served. The keys are
 * joined from `unnest`, so each is one index lookup: with `key = ANY(…)` the planner chose a
 * parallel sequential scan of all segments for a batch (47 ms against 7 ms at 10,000 segments).
 * Per row, the purposes are looked up by id (unnest, then the primary key) rather than filtering
 * every purpose, and findings come as small JSON arrays rather than objects: together about a
 * sixth less database time for a batch of 1,000 (bench/gate). Whether a finding has an exception
 * at all is one hashed lookup in the unrevoked exceptions, read once per statement; only those
 * that have one look up its expiry: the per-finding lookup cost 4–5 of 18 ms for 1,000 keys.
 */
const factsSql = (from: SQL) => sql`
  SELECT s.id, s.key, s.name, s.status::text AS status, s.recertify_by::text AS recertify_by, s.consent_changed_upstream,
    v.version AS in_force,
    CASE WHEN v.id IS NULL THEN s.channels::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(v.data->'channels')) END AS channels,
    ARRAY(
      SELECT p.key FROM unnest(CASE WHEN v.id IS NULL THEN s.purpose_ids ELSE ARRAY(SELECT jsonb_array_elements_text(v.data->'declaredPurposeIds'))::uuid[] END) AS declared(id)
      JOIN consent_purposes p ON p.id = declared.id
      ORDER BY 1
    ) AS purpose_keys,
    (coalesce(v.data, h.data)->>'minCohortSize')::int AS min_cohort,
    coalesce(v.data, h.data)->'frequencyCaps' AS caps,
    (
      SELECT json_agg(json_build_array(
        f.policy_key, f.title,
        CASE WHEN (f.segment_id, f.fingerprint) IN (SELECT e.segment_id, e.fingerprint FROM policy_exceptions e WHERE e.revoked_at IS NULL)
          THEN (SELECT max(e.expires_at) FROM policy_exceptions e WHERE e.segment_id = f.segment_id AND e.fingerprint = f.fingerprint AND e.revoked_at IS NULL) END
      ) ORDER BY f.policy_key, f.title)
      FROM segment_findings f
      WHERE f.segment_id = s.id AND f.segment_version = v.version AND f.severity = 'block'
    ) AS findings
  FROM ${from}
  LEFT JOIN segment_versions v ON v.id = s.approved_version_id
  LEFT JOIN segment_versions h ON h.id = s.head_version_id`;

/** Keys as one PostgreSQL array literal parameter, every element quoted (server/db/arrays textArray's form). */
const arrayLiteral = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;

/**
 * The gate's facts for each of these keys that names a segment (absent from the map: unknown).
 * One key (every single decision) has its own statement, `s.key = $1`: with the array form,
 * PostgreSQL re-plans on every execution (a generic plan assumes 100 unnested keys, so it never
 * looks cheaper than a custom one), and that planning was 0.6 of its 0.8 ms (bench/gate).
 */
export async function gateSegmentsByKey(db: DbOrTx, keys: readonly string[]): Promise<Map<string, GateSegment>> {
  const unique = [...new Set(keys)];
  const out = new Map<string, GateSegment>();
  if (unique.length === 0) return out;
  if (unique.length === 1) {
    const one = preparedOnce(db, "activation_facts_one", (d) =>
      prepareSql(d, "activation_facts_one", factsSql(sql`segments s JOIN (SELECT ${sql.placeholder("key")}::text AS key) asked ON s.key = asked.key`)),
    );
    for (const r of rowsOf<Row>(await one.execute({ key: unique[0]! }))) out.set(r.key, gateSegment(r));
    return out;
  }
  const statement = preparedOnce(db, "activation_facts", (d) =>
    prepareSql(d, "activation_facts", factsSql(sql`unnest(${sql.placeholder("keys")}::text[]) AS asked(key) JOIN segments s ON s.key = asked.key`)),
  );
  for (const r of rowsOf<Row>(await statement.execute({ keys: arrayLiteral(unique) }))) out.set(r.key, gateSegment(r));
  return out;
}

/** The same facts for one segment by id (the segment page), or null. */
export async function gateSegmentById(db: DbOrTx, id: string): Promise<GateSegment | null> {
  const statement = preparedOnce(db, "activation_facts_by_id", (d) =>
    prepareSql(d, "activation_facts_by_id", factsSql(sql`segments s JOIN (SELECT ${sql.placeholder("id")}::uuid AS id) asked ON s.id = asked.id`)),
  );
  const [row] = rowsOf<Row>(await statement.execute({ id }));
  return row ? gateSegment(row) : null;
}

function gateSegment(r: Row): GateSegment {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    version: r.in_force === null ? null : Number(r.in_force),
    minimumCohort: r.min_cohort === null ? null : Number(r.min_cohort),
    frequencyCaps: r.caps ?? {},
    facts: {
      status: r.status,
      channels: r.channels ?? [],
      purposeKeys: r.purpose_keys ?? [],
      blockingFindings: (r.findings ?? []).map(([policyKey, title, expiresAt]) => ({ policyKey, title, exceptionExpiresAt: expiresAt ? new Date(expiresAt) : null })),
      consentChangedUpstream: r.consent_changed_upstream,
      recertifyBy: r.recertify_by,
    },
  };
}

/** Which of these consent purpose keys exist. */
export async function knownPurposeKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Set();
  const statement = preparedOnce(db, "activation_purposes", (d) =>
    prepareSql(d, "activation_purposes", sql`SELECT key FROM consent_purposes WHERE key = ANY(${sql.placeholder("keys")}::text[])`),
  );
  return new Set(rowsOf<{ key: string }>(await statement.execute({ keys: arrayLiteral(unique) })).map((r) => r.key));
}
