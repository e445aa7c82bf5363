// Benchmark: one consent change that affects 5,000 segments, re-evaluated and stored in the
// same transaction on PostgreSQL (goal ≤ 2 s), and the pure engine's throughput.
// Run: npx tsx bench/policy/run.ts   (needs PostgreSQL on 127.0.0.1:5432, trust auth)
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openPostgres } from "../../server/db/client";
import { ensureReferenceData } from "../../server/db/reference-data";
import { rowsOf } from "../../server/db/rows";
import { updateSignalConsents } from "../../server/modules/catalog/signals.service";
import { loadPolicyInputs } from "../../server/modules/policy/inputs";
import { DEFAULT_POLICY_SETTINGS } from "../../server/policy/defaults";
import { evaluate } from "../../server/policy/engine";

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 5000);
const BASE = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = "steward_bench_policy";

const admin = postgres(BASE, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.unsafe(`CREATE DATABASE ${NAME}`);
const url = new URL(BASE);
url.pathname = `/${NAME}`;
const opened = await openPostgres(url.toString());
const db = opened.db;
await ensureReferenceData(db);

console.log(`generating ${SEGMENTS} segments that all use one signal…`);
const t0 = performance.now();
await db.execute(sql`INSERT INTO users (id, email, name, roles) VALUES ('00000000-0000-4000-8000-000000000001', 'bench@example.test', 'Bench', '{privacy_officer,steward}')`);
await db.execute(sql`
  INSERT INTO data_sources (id, key, name, system_type, owner, jurisdictions, retention_days)
  VALUES ('00000000-0000-4000-8000-0000000000a1', 'crm', 'CRM', 'crm', 'CRM team', '{EU}', 730)`);
await db.execute(sql`
  INSERT INTO signals (id, source_id, key, name, category_id, kind, fidelity, identifiability, value_type, retention_days)
  SELECT ('00000000-0000-4000-8000-0000000001' || lpad(g::text, 2, '0'))::uuid, '00000000-0000-4000-8000-0000000000a1', 'sig_' || g, 'Signal ' || g,
         (SELECT id FROM data_categories WHERE key = 'user.behavior.purchase_history'), 'behavioural', 'observed', 'identified', 'number', 365
  FROM generate_series(1, 3) g`);
await db.execute(sql`
  INSERT INTO signal_consents (signal_id, purpose_id, lawful_basis)
  SELECT s.id, p.id, 'consent' FROM signals s, consent_purposes p WHERE p.key IN ('marketing.email', 'analytics')`);
const emailPurpose = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM consent_purposes WHERE key = 'marketing.email'`))[0]!.id;
const analyticsPurpose = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM consent_purposes WHERE key = 'analytics'`))[0]!.id;
await db.execute(sql`
  INSERT INTO segments (id, key, name, business_goal, channels, purpose_ids, owner_id, derived_sensitivity, sensitivity, version)
  SELECT md5('seg' || g)::uuid, 'seg_' || g, 'Segment ' || g, 'retention', '{email}', ARRAY[${emailPurpose}]::uuid[],
         '00000000-0000-4000-8000-000000000001', 'confidential', 'confidential', 1
  FROM generate_series(1, ${SEGMENTS}) g`);
await db.execute(sql`
  INSERT INTO segment_versions (id, segment_id, version, data, derived_sensitivity, sensitivity, created_by_id)
  SELECT md5('ver' || g)::uuid, md5('seg' || g)::uuid, 1, jsonb_build_object(
    'key', 'seg_' || g, 'name', 'Segment ' || g, 'description', '', 'purposeStatement', 'Bench', 'businessGoal', 'retention',
    'declaredPurposeIds', jsonb_build_array(${emailPurpose}::text), 'channels', jsonb_build_array('email'),
    'definition', jsonb_build_object('type', 'group', 'combinator', 'and', 'children', jsonb_build_array(
      jsonb_build_object('type', 'condition', 'signalId', '00000000-0000-4000-8000-000000000101', 'operator', 'gte', 'value', 2))),
    'sensitivityOverride', null, 'refreshCadence', 'daily', 'lookbackDays', 90, 'minCohortSize', 100, 'frequencyCaps', '{}'::jsonb,
    'rationale', jsonb_build_object('assumptions', 'a', 'limitations', 'b', 'expectedOutcomes', 'c'),
    'ownerId', '00000000-0000-4000-8000-000000000001', 'team', '', 'tags', '[]'::jsonb, 'recertifyBy', null),
    'confidential', 'confidential', '00000000-0000-4000-8000-000000000001'
  FROM generate_series(1, ${SEGMENTS}) g`);
await db.execute(sql`UPDATE segments SET head_version_id = md5('ver' || substr(key, 5))::uuid`);
await db.execute(sql`
  INSERT INTO segment_signal_inputs (segment_id, signal_id)
  SELECT md5('seg' || g)::uuid, ('00000000-0000-4000-8000-0000000001' || lpad(s::text, 2, '0'))::uuid
  FROM generate_series(1, ${SEGMENTS}) g, generate_series(1, 2) s`);
await db.execute(sql`ANALYZE`);
console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const actor = { id: "00000000-0000-4000-8000-000000000001", label: "bench@example.test" };
const runs: number[] = [];
let last = { reevaluated: 0, flagged: [] as string[] };
for (let i = 0; i < 3; i++) {
  // Alternate: remove email consent (every segment gains blocking findings), then restore it.
  const consents =
    i % 2 === 0
      ? [{ purposeId: analyticsPurpose, lawfulBasis: "consent" as const }]
      : [
          { purposeId: emailPurpose, lawfulBasis: "consent" as const },
          { purposeId: analyticsPurpose, lawfulBasis: "consent" as const },
        ];
  const t = performance.now();
  last = await updateSignalConsents(db, actor, { id: "00000000-0000-4000-8000-000000000101", consents });
  runs.push(performance.now() - t);
}
const findings = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM segment_findings`))[0]!.n;
console.log(
  `consent change → ${last.reevaluated} segments re-evaluated and stored: ${runs.map((r) => `${(r / 1000).toFixed(2)} s`).join(", ")} (goal ≤ 2 s; best ${(Math.min(...runs) / 1000).toFixed(2)} s, ratio to goal ${(Math.max(...runs) / 2000).toFixed(2)})`,
);
console.log(`  findings stored after the last run: ${findings}`);

// The engine alone, on inputs already in memory.
const ids = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM segments`)).map((r) => r.id);
const inputs = [...(await loadPolicyInputs(db, ids)).values()];
const t1 = performance.now();
let n = 0;
while (performance.now() - t1 < 2000) {
  for (const input of inputs) {
    evaluate(input, DEFAULT_POLICY_SETTINGS);
    n++;
  }
}
const perSecond = n / ((performance.now() - t1) / 1000);
console.log(`engine throughput: ${Math.round(perSecond).toLocaleString("en")} segments/s (2 signals each, all checks on)`);

await opened.close();
await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.end();
