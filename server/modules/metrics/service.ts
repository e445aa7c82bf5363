/**
 * Ingest of aggregate outcome and consent metrics (POST /api/v1/metrics/outcomes and /consent):
 * each batch is checked whole (every key must name a segment, channel, purpose or source; no key
 * twice), then upserted in one statement and audited once, in one transaction.
 */
import { inArray, isNull, and, sql, type SQL } from "drizzle-orm";
import type { AuditActor } from "@/server/audit/record";
import { recordAudit } from "@/server/audit/record";
import { intArray, nullableIntArray, numericArray, textArray, uuidArray } from "@/server/db/arrays";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { consentPurposes, dataSources, segments } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { invalid } from "@/server/errors";
import type { ConsentRow, IngestAnswer, OutcomeRow } from "./schemas";

type Token = { id: string; name: string };

/** Ids by key for the keys a batch names; a key that names nothing is a 400 naming its first row. */
async function resolveKeys(db: DbOrTx, rows: readonly { key: string | undefined }[], what: string, field: string, lookup: (keys: string[]) => Promise<Array<{ id: string; key: string }>>) {
  const keys = [...new Set(rows.map((r) => r.key).filter((k): k is string => k !== undefined))];
  const found = new Map((keys.length ? await lookup(keys) : []).map((r) => [r.key, r.id]));
  const missing = rows.findIndex((r) => r.key !== undefined && !found.has(r.key));
  if (missing >= 0) throw invalid(`rows.${missing}.${field}: no ${what} has the key "${rows[missing]!.key}"`, `rows.${missing}.${field}`);
  return found;
}

/** Two rows with one key would make the upsert touch a row twice; the second is named. */
function refuseRepeats(keys: string[]) {
  const first = new Map<string, number>();
  keys.forEach((k, i) => {
    const earlier = first.get(k);
    if (earlier !== undefined) throw invalid(`rows.${i}: repeats the key (date, …) of rows.${earlier}; send each key once`, `rows.${i}`);
    first.set(k, i);
  });
}

function dateRange(dates: string[]) {
  let from = dates[0]!;
  let to = dates[0]!;
  for (const d of dates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}

async function upsertAndAudit(db: Db, actor: AuditActor, token: Token, what: "outcomes" | "consent", dates: string[], upsert: SQL, then?: (tx: Tx) => Promise<void>): Promise<IngestAnswer> {
  const { from, to } = dateRange(dates);
  return inTransaction(db, async (tx) => {
    const returned = rowsOf<{ replaced: boolean }>(await tx.execute(upsert));
    await then?.(tx);
    const replaced = returned.filter((r) => r.replaced).length;
    await recordAudit(tx, {
      actor,
      action: what === "outcomes" ? "metrics.outcomes_ingested" : "metrics.consent_ingested",
      entityType: "api_token",
      entityId: token.id,
      after: { rows: returned.length, replaced, from, to },
    });
    return { accepted: returned.length, replaced, from, to };
  });
}

// (xmax <> 0): the row version was written by the conflict's UPDATE, i.e. an earlier row was replaced.
const REPLACED = sql.raw(`(xmax::text <> '0') AS replaced`);

/** Segments are locked for the rollup in this many stripes: a batch takes at most this many locks, in order. */
const STRIPES = 64;
/** The advisory lock class of the stripes (the two-key form, apart from lockForTransaction's one-key locks). */
const ROLLUP_LOCK_CLASS = 20_2012;
const stripeOf = (segmentId: string) => parseInt(segmentId.slice(0, 8), 16) % STRIPES;

/**
 * Recomputes outcome_daily for the given (segment, day) pairs from outcome_metrics. Two batches
 * from different tokens may touch one pair; with the stripe lock taken after the upsert, the
 * last batch to get it sums in every row committed before it, and a batch still uncommitted
 * will take the lock after, so the rollup ends up right.
 */
export async function refreshDaily(tx: Tx, segmentIds: string[], dates: string[]) {
  const stripes = [...new Set(segmentIds.map(stripeOf))].sort((a, b) => a - b);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}::int, s) FROM (SELECT s FROM unnest(${intArray(stripes)}) s ORDER BY s) t`);
  await tx.execute(sql`
    INSERT INTO outcome_daily (date, segment_id, "group", reached, conversions)
    SELECT m.date, m.segment_id, m."group", sum(m.reached), sum(m.conversions)
    FROM (SELECT DISTINCT s, d FROM unnest(${uuidArray(segmentIds)}, ${textArray(dates)}::date[]) AS k(s, d)) k
    JOIN outcome_metrics m ON m.segment_id = k.s AND m.date = k.d
    GROUP BY 1, 2, 3
    ON CONFLICT (date, segment_id, "group") DO UPDATE SET reached = excluded.reached, conversions = excluded.conversions`);
}

export async function ingestOutcomes(db: Db, actor: AuditActor, token: Token, rows: OutcomeRow[]): Promise<IngestAnswer> {
  const ids = await resolveKeys(
    db,
    rows.map((r) => ({ key: r.segment })),
    "segment",
    "segment",
    (keys) => db.select({ id: segments.id, key: segments.key }).from(segments).where(inArray(segments.key, keys)),
  );
  refuseRepeats(rows.map((r) => `${r.date}|${r.segment}|${r.channel}|${r.group}`));
  const col = <T>(f: (r: OutcomeRow) => T) => rows.map(f);
  const upsert = sql`
    INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, sends, opens, clicks, token_id)
    SELECT s, d, c::channel, g::metric_group, r, cv, rev, cur, se, op, cl, ${token.id}::uuid
    FROM unnest(${uuidArray(col((r) => ids.get(r.segment)!))}, ${textArray(col((r) => r.date))}::date[], ${textArray(col((r) => r.channel))}, ${textArray(col((r) => r.group))},
      ${nullableIntArray(col((r) => r.reached))}, ${nullableIntArray(col((r) => r.conversions))}, ${numericArray(col((r) => r.revenue))}, ${textArray(col((r) => r.currency))},
      ${nullableIntArray(col((r) => r.sends))}, ${nullableIntArray(col((r) => r.opens))}, ${nullableIntArray(col((r) => r.clicks))})
      AS t(s, d, c, g, r, cv, rev, cur, se, op, cl)
    ON CONFLICT (segment_id, date, channel, "group", token_id) DO UPDATE SET
      reached = excluded.reached, conversions = excluded.conversions, revenue = excluded.revenue, currency = excluded.currency,
      sends = excluded.sends, opens = excluded.opens, clicks = excluded.clicks, updated_at = now()
    RETURNING ${REPLACED}`;
  const segmentIds = col((r) => ids.get(r.segment)!);
  return upsertAndAudit(
    db,
    actor,
    token,
    "outcomes",
    col((r) => r.date),
    upsert,
    (tx) =>
      refreshDaily(
        tx,
        segmentIds,
        col((r) => r.date),
      ),
  );
}

export async function ingestConsent(db: Db, actor: AuditActor, token: Token, rows: ConsentRow[]): Promise<IngestAnswer> {
  const purposes = await resolveKeys(
    db,
    rows.map((r) => ({ key: r.purpose })),
    "consent purpose",
    "purpose",
    (keys) =>
      db
        .select({ id: consentPurposes.id, key: consentPurposes.key })
        .from(consentPurposes)
        .where(and(inArray(consentPurposes.key, keys), isNull(consentPurposes.retiredAt))),
  );
  await resolveKeys(
    db,
    rows.map((r) => ({ key: r.source })),
    "data source",
    "source",
    (keys) => db.select({ id: dataSources.id, key: dataSources.key }).from(dataSources).where(inArray(dataSources.key, keys)),
  );
  refuseRepeats(rows.map((r) => `${r.date}|${r.purpose}|${r.source ?? ""}|${r.jurisdiction ?? ""}`));
  const col = <T>(f: (r: ConsentRow) => T) => rows.map(f);
  const upsert = sql`
    INSERT INTO consent_metrics (purpose_id, date, source, jurisdiction, consented, opt_ins, withdrawals, token_id)
    SELECT p, d, s, j, c, i, w, ${token.id}::uuid
    FROM unnest(${uuidArray(col((r) => purposes.get(r.purpose)!))}, ${textArray(col((r) => r.date))}::date[], ${textArray(col((r) => r.source ?? ""))}, ${textArray(col((r) => r.jurisdiction ?? ""))},
      ${nullableIntArray(col((r) => r.consented))}, ${nullableIntArray(col((r) => r.optIns))}, ${nullableIntArray(col((r) => r.withdrawals))})
      AS t(p, d, s, j, c, i, w)
    ON CONFLICT (purpose_id, date, source, jurisdiction, token_id) DO UPDATE SET
      consented = excluded.consented, opt_ins = excluded.opt_ins, withdrawals = excluded.withdrawals, updated_at = now()
    RETURNING ${REPLACED}`;
  return upsertAndAudit(
    db,
    actor,
    token,
    "consent",
    col((r) => r.date),
    upsert,
  );
}
