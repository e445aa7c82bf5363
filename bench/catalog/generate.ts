// Set-based generation of a large catalog for the benchmark: a few INSERT … SELECT statements
// instead of 60,000 service calls. Rows are filled as the services would fill them (segment
// versions, input edges, the denormalised columns writeHead keeps, search_extra), so reads see
// what they would see in production. Ids are derived from a seed, so edges need no lookups.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../server/db/client";
import { rowsOf } from "../../server/db/rows";

const words = (xs: string[]): SQL =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;
const pick = (arr: SQL, i: SQL) => sql`(${arr})[1 + ((${i}) % cardinality(${arr}))]`;

const TEAMS = ["Lifecycle marketing", "Loyalty", "Paid media", "Digital experience", "Store marketing", "Customer service", "Data & Insights", "Brand"];
const FIRST = ["Amélie", "Marcus", "Priya", "Jonas", "Sofia", "Liam", "Chloé", "Noah", "Emma", "Lucas", "Mia", "Daan", "Hannah", "Mateo", "Aoife", "Ethan"];
const LAST = ["Laurent", "Reed", "Natarajan", "Müller", "Rossi", "Murphy", "de Vries", "García", "Schmidt", "Dubois", "Kowalski", "Nguyen", "Smith", "Okafor"];
const SRC_PREFIX = ["Loyalty", "Orders", "Storefront", "App", "Newsletter", "Preference", "Till", "Survey", "Returns", "Marketplace", "Partner", "Call centre"];
const SRC_KIND = ["CRM", "web analytics", "email platform", "consent records", "point of sale", "survey tool", "warehouse table", "app events", "feed"];
const REGIONS = ["EU", "US", "UK", "Germany", "France", "Netherlands", "Canada"];
const METRICS = [
  "Orders",
  "Spend",
  "Visits",
  "Email opens",
  "Email clicks",
  "App sessions",
  "Returns",
  "Basket adds",
  "Product views",
  "Wishlist items",
  "Store visits",
  "Searches",
  "Coupon redemptions",
  "Reviews",
  "Push opens",
];
const SCOPES = ["womenswear", "menswear", "home", "kidswear", "footwear", "beauty", "accessories", "outdoor", "sale items", "new arrivals"];
const WINDOWS = ["7 days", "30 days", "90 days", "180 days", "12 months"];
const AUDIENCE = ["Lapsed", "Loyal", "New", "High-value", "At-risk", "Engaged", "Dormant", "Frequent", "First-time", "VIP", "Seasonal", "Weekend"];
const SUBJECT = ["members", "shoppers", "subscribers", "app users", "browsers", "buyers", "gift buyers", "home lovers", "sale fans", "parents"];
const INTENT = ["win-back", "welcome", "cross-sell", "early access", "reminder", "survey follow-up", "birthday", "upsell"];
const TAGS = [
  "loyalty",
  "win-back",
  "welcome",
  "vip",
  "home",
  "fashion",
  "sale",
  "launch",
  "app",
  "sms",
  "email",
  "paid-media",
  "stores",
  "eu",
  "us",
  "churn",
  "models",
  "newsletter",
  "events",
  "gifting",
];
const VALUES = ["Low", "Medium", "High", "Top"];

export interface Sizes {
  sources: number;
  signals: number;
  segments: number;
  owners: number;
}

async function step(label: string, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export async function generateCatalog(db: Db, n: Sizes): Promise<void> {
  // Deterministic ids that are valid version-4 UUIDs (the API's input validation checks the
  // version and variant digits), so edges can name their ends without lookups.
  await db.execute(sql`
    CREATE FUNCTION bench_uuid(seed text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5(seed) AS h
    $$`);
  await step(`${n.owners} segment owners (no password)`, () =>
    db.execute(sql`
      INSERT INTO users (id, email, name, roles)
      SELECT bench_uuid('user' || g), 'owner' || g || '@bench.example', ${pick(words(FIRST), sql`g`)} || ' ' || ${pick(words(LAST), sql`g / 16`)}, '{marketer}'
      FROM generate_series(1, ${n.owners}) g`),
  );

  await step(`${n.sources} data sources`, () =>
    db.execute(sql`
      INSERT INTO data_sources (id, key, name, description, system_type, owner, jurisdictions, retention_days, pseudonymised, consent_capture_points, consent_capture_notes, created_at, updated_at)
      SELECT bench_uuid('src' || g), 'src_' || g,
        ${pick(words(SRC_PREFIX), sql`g`)} || ' ' || ${pick(words(SRC_KIND), sql`g / 12`)} || ' – ' || ${pick(words(REGIONS), sql`g / 108`)} || ' ' || g,
        'Feeds customer ' || lower(${pick(words(SRC_KIND), sql`g / 12`)}) || ' data for the ' || ${pick(words(REGIONS), sql`g / 108`)} || ' business, refreshed nightly.',
        (enum_range(NULL::system_type))[1 + g % 9], ${pick(words(TEAMS), sql`g`)},
        (ARRAY['{EU}', '{US,US-CA}', '{EU,UK}', '{US}'])[1 + g % 4]::text[],
        (ARRAY[90, 180, 365, 395, 730, 1095])[1 + g % 6], g % 3 = 0,
        (ARRAY['{checkout}', '{onboarding,preference_centre}', '{service_update}', '{}'])[1 + g % 4]::capture_point[],
        'Captured in the sign-up and checkout flows.',
        now() - (g % 700) * interval '1 day', now() - (g % 300) * interval '1 hour'
      FROM generate_series(1, ${n.sources}) g`),
  );

  await step(`${n.signals} signals with consent provenance`, async () => {
    await db.execute(sql`
      INSERT INTO signals (id, source_id, key, name, description, category_id, kind, fidelity, identifiability, value_type, allowed_values, retention_days, created_at, updated_at)
      SELECT bench_uuid('sig' || g), bench_uuid('src' || (1 + g % ${n.sources})), 'sig_' || g,
        ${pick(words(METRICS), sql`g`)} || ' – ' || ${pick(words(SCOPES), sql`g / 15`)} || ' (' || ${pick(words(WINDOWS), sql`g / 150`)} || ')',
        'How many ' || lower(${pick(words(METRICS), sql`g`)}) || ' a customer had in ' || ${pick(words(SCOPES), sql`g / 15`)} || ' over the last ' || ${pick(words(WINDOWS), sql`g / 150`)} || '.',
        c.ids[1 + g % cardinality(c.ids)],
        (enum_range(NULL::signal_kind))[1 + (g / 5) % 4], (enum_range(NULL::fidelity))[1 + (g / 20) % 4],
        (enum_range(NULL::identifiability))[1 + (g / 80) % 3], (enum_range(NULL::signal_value_type))[1 + g % 5],
        CASE WHEN g % 5 IN (3, 4) THEN ${words(VALUES)} ELSE '{}'::text[] END,
        (ARRAY[90, 180, 365, 395, 730, 1095])[1 + g % 6],
        now() - (g % 700) * interval '1 day', now() - (g % 5000) * interval '1 minute'
      FROM generate_series(1, ${n.signals}) g, (SELECT array_agg(id ORDER BY key) AS ids FROM data_categories) c`);
    await db.execute(sql`
      INSERT INTO signal_consents (signal_id, purpose_id, lawful_basis)
      SELECT bench_uuid('sig' || g), p.ids[1 + (g * k) % cardinality(p.ids)], 'consent'
      FROM generate_series(1, ${n.signals}) g, generate_series(1, 2) k, (SELECT array_agg(id ORDER BY key) AS ids FROM consent_purposes) p
      ON CONFLICT DO NOTHING`);
  });

  await step(`${n.segments} segments and their input edges`, async () => {
    await db.execute(sql`
      INSERT INTO segments (id, key, name, description, purpose_statement, business_goal, channels, purpose_ids, tags, team, owner_id, status,
                            derived_sensitivity, sensitivity, version, recertify_by, approved_at, created_at, updated_at)
      SELECT bench_uuid('seg' || g), 'seg_' || g,
        ${pick(words(AUDIENCE), sql`g`)} || ' ' || ${pick(words(SUBJECT), sql`g / 12`)} || ' – ' || ${pick(words(INTENT), sql`g / 120`)} || ' (' || ${pick(words(REGIONS), sql`g / 960`)} || ')',
        ${pick(words(AUDIENCE), sql`g`)} || ' ' || ${pick(words(SUBJECT), sql`g / 12`)} || ' for the ' || ${pick(words(INTENT), sql`g / 120`)} || ' programme, refreshed from loyalty and web data.',
        'Reach ' || lower(${pick(words(AUDIENCE), sql`g`)}) || ' ' || ${pick(words(SUBJECT), sql`g / 12`)} || ' with a ' || ${pick(words(INTENT), sql`g / 120`)} || ' message they opted in to.',
        (enum_range(NULL::business_goal))[1 + g % 4],
        ARRAY(SELECT DISTINCT c FROM unnest(ARRAY[(enum_range(NULL::channel))[1 + g % 8], (enum_range(NULL::channel))[1 + (g / 8) % 8]]) c ORDER BY c),
        ARRAY[p.ids[1 + g % cardinality(p.ids)]], ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[${pick(words(TAGS), sql`g`)}, ${pick(words(TAGS), sql`g / 20`)}]) t ORDER BY t),
        ${pick(words(TEAMS), sql`g / 3`)}, bench_uuid('user' || (1 + g % ${n.owners})),
        (enum_range(NULL::segment_status))[1 + g % 6], 'public', 'public', 1 + g % 3,
        CASE WHEN g % 6 IN (3, 4) THEN (current_date + (g % 180))::date END,
        CASE WHEN g % 6 IN (2, 3, 4) THEN now() - (g % 90) * interval '1 day' END,
        now() - (g % 730) * interval '1 day', now() - (g % 20000) * interval '1 minute'
      FROM generate_series(1, ${n.segments}) g, (SELECT array_agg(id ORDER BY key) AS ids FROM consent_purposes) p`);
    // 2–5 signals each; every fourth segment (after the first 200) builds on an earlier one.
    await db.execute(sql`
      INSERT INTO segment_signal_inputs (segment_id, signal_id)
      SELECT bench_uuid('seg' || g), bench_uuid('sig' || (1 + (g * 7919 + k * 104729) % ${n.signals}))
      FROM generate_series(1, ${n.segments}) g, generate_series(1, 5) k WHERE k <= 2 + g % 4
      ON CONFLICT DO NOTHING`);
    await db.execute(sql`
      INSERT INTO segment_parent_inputs (segment_id, parent_segment_id, mode)
      SELECT bench_uuid('seg' || g), bench_uuid('seg' || (g - 1 - g % 97)), CASE WHEN g % 8 = 0 THEN 'exclude' ELSE 'include' END
      FROM generate_series(201, ${n.segments}) g WHERE g % 4 = 0`);
  });

  await step("sensitivity, sources and search text (as writeHead)", async () => {
    // Derived sensitivity: the highest over every signal reached directly or through parents.
    await db.execute(sql`
      WITH RECURSIVE reach(root, seg) AS (
        SELECT id, id FROM segments
        UNION
        SELECT r.root, p.parent_segment_id FROM reach r JOIN segment_parent_inputs p ON p.segment_id = r.seg
      ), derived AS (
        SELECT r.root, max(c.default_sensitivity) AS s
        FROM reach r JOIN segment_signal_inputs i ON i.segment_id = r.seg JOIN signals sg ON sg.id = i.signal_id JOIN data_categories c ON c.id = sg.category_id
        GROUP BY r.root
      )
      UPDATE segments s SET derived_sensitivity = d.s, sensitivity = d.s FROM derived d WHERE d.root = s.id`);
    await db.execute(sql`
      UPDATE segments s SET
        source_ids = x.source_ids,
        search_extra = array_to_string(s.tags || x.names, ' ')
      FROM (
        SELECT i.segment_id, array_agg(DISTINCT sg.source_id) AS source_ids, array_agg(sg.name ORDER BY sg.name) AS names
        FROM segment_signal_inputs i JOIN signals sg ON sg.id = i.signal_id GROUP BY i.segment_id
      ) x
      WHERE x.segment_id = s.id`);
  });

  await step("segment versions (1–3 each) with rule trees", async () => {
    // Statistics first: without them, at 100,000 segments the planner read the input edges
    // once per segment (16 minutes and counting).
    await db.execute(sql`ANALYZE`);
    await db.execute(sql`
      INSERT INTO segment_versions (id, segment_id, version, data, derived_sensitivity, sensitivity, created_by_id, created_at)
      SELECT bench_uuid('ver' || s.key || '/' || v), s.id, v,
        jsonb_build_object(
          'key', s.key, 'name', s.name,
          'description', CASE WHEN v = s.version THEN s.description ELSE s.description || ' (draft ' || v || ')' END,
          'purposeStatement', s.purpose_statement, 'businessGoal', s.business_goal,
          'declaredPurposeIds', to_jsonb(s.purpose_ids::text[]), 'channels', to_jsonb(s.channels::text[]),
          'definition', jsonb_build_object('type', 'group', 'combinator', 'and', 'children', coalesce(d.conditions, '[]'::jsonb) || coalesce(pr.refs, '[]'::jsonb)),
          'sensitivityOverride', NULL, 'refreshCadence', (ARRAY['daily', 'weekly', 'hourly', 'monthly'])[1 + v % 4], 'lookbackDays', 90,
          'minCohortSize', 100, 'frequencyCaps', '{}'::jsonb,
          'rationale', jsonb_build_object('assumptions', 'People who match respond to relevant offers.', 'limitations', 'Store-only customers are not covered.', 'expectedOutcomes', 'Conversion +3 points against a holdout.'),
          'ownerId', s.owner_id, 'team', s.team, 'tags', to_jsonb(s.tags), 'recertifyBy', s.recertify_by),
        s.derived_sensitivity, s.sensitivity, s.owner_id, s.updated_at - (s.version - v) * interval '3 days'
      FROM segments s
      CROSS JOIN LATERAL generate_series(1, s.version) v
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('type', 'condition', 'signalId', sg.id, 'operator', o.op, 'value', o.val) ORDER BY sg.key) AS conditions
        FROM segment_signal_inputs i JOIN signals sg ON sg.id = i.signal_id
        CROSS JOIN LATERAL (SELECT
          CASE sg.value_type WHEN 'number' THEN 'gte' WHEN 'boolean' THEN 'is_true' WHEN 'timestamp' THEN 'within_last_days' WHEN 'category' THEN 'in' ELSE 'contains_any' END AS op,
          CASE sg.value_type WHEN 'number' THEN to_jsonb(2) WHEN 'boolean' THEN 'null'::jsonb WHEN 'timestamp' THEN to_jsonb(30) ELSE jsonb_build_array(sg.allowed_values[1]) END AS val) o
        WHERE i.segment_id = s.id
      ) d ON true
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('type', 'segment', 'segmentId', p.parent_segment_id, 'mode', p.mode)) AS refs
        FROM segment_parent_inputs p WHERE p.segment_id = s.id
      ) pr ON true`);
    await db.execute(sql`
      UPDATE segments s SET head_version_id = v.id, approved_version_id = CASE WHEN s.approved_at IS NOT NULL THEN v.id END
      FROM segment_versions v WHERE v.segment_id = s.id AND v.version = s.version`);
  });
}

export async function counts(db: Db) {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM data_sources) AS sources, (SELECT count(*)::int FROM signals) AS signals,
      (SELECT count(*)::int FROM signal_consents) AS consents, (SELECT count(*)::int FROM segments) AS segments,
      (SELECT count(*)::int FROM segment_versions) AS versions, (SELECT count(*)::int FROM segment_signal_inputs) AS signal_edges,
      (SELECT count(*)::int FROM segment_parent_inputs) AS parent_edges, (SELECT count(*)::int FROM segment_findings) AS findings`),
  );
  return row!;
}
