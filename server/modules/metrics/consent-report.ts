/**
 * The Consent page: per purpose, complete weeks of consented population, opt-ins, withdrawals and
 * the withdrawal rate, every number through the privacy rules (threshold and complementary
 * suppression in consent-protect.ts, then difference protection against the ledger in
 * releases.ts). Only weeks that have ended are shown: a week still filling would tell each new
 * day's count by difference with yesterday's view.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { AuditActor } from "@/server/audit/record";
import type { Db, DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { consentPurposes, withdrawalAlerts } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { notFound } from "@/server/errors";
import { RECENT_DAYS, toolsAskingAbout } from "@/server/modules/activation/usage/report";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { protectAgainstLedger } from "@/server/privacy/ledger";
import type { Release } from "@/server/privacy/threshold";
import { detectSpike, lastCompleteWeek, weeklySeries, type ConsentDay } from "@/domain/withdrawal-spike";
import { consentCandidates, protectConsentWeeks, type ProtectedWeek } from "./consent-protect";
import { ledgerFor, releaseNumbers } from "./releases";

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** One purpose's consent per day over [from, to], summed over sources, jurisdictions and senders. */
export async function consentDays(db: DbOrTx, purposeId: string, from: string, to: string): Promise<ConsentDay[]> {
  return rowsOf<ConsentDay>(
    await db.execute(sql`
      SELECT to_char(date, 'YYYY-MM-DD') AS date, sum(consented)::int AS consented, sum(opt_ins)::int AS "optIns", sum(withdrawals)::int AS withdrawals
      FROM consent_metrics WHERE purpose_id = ${purposeId}::uuid AND date BETWEEN ${from}::date AND ${to}::date
      GROUP BY date ORDER BY date`),
  );
}

/** Active purposes, each with whether it has any consent figures and its latest withdrawal alert. */
export async function consentPurposeList(db: DbOrTx) {
  return rowsOf<{ id: string; key: string; name: string; hasData: boolean; lastAlertWeek: string | null }>(
    await db.execute(sql`
      SELECT p.id, p.key, p.name,
             EXISTS (SELECT 1 FROM consent_metrics m WHERE m.purpose_id = p.id) AS "hasData",
             (SELECT to_char(max(a.week), 'YYYY-MM-DD') FROM withdrawal_alerts a WHERE a.purpose_id = p.id) AS "lastAlertWeek"
      FROM consent_purposes p WHERE p.retired_at IS NULL
      ORDER BY p.name`),
  );
}

export interface ConsentReportWeek extends ProtectedWeek {
  /** The week's rate against its 8-week baseline, when both are released and there is one. */
  ratio: Release | null;
  spike: boolean;
}

/**
 * The last `weeks` complete weeks of a purpose, protected. Counts the ledger refuses are withheld
 * too, and the table is protected again with them withheld, so they cannot be worked out from
 * the rest; the numbers left are recorded in the ledger (repeats of numbers released before
 * are shown without being recorded again) with one audit event.
 */
export async function consentReport(db: Db, actor: AuditActor, input: { purposeId: string; weeks: number }, now = new Date()) {
  const [purpose] = await db
    .select({ id: consentPurposes.id, key: consentPurposes.key, name: consentPurposes.name })
    .from(consentPurposes)
    .where(and(eq(consentPurposes.id, input.purposeId), isNull(consentPurposes.retiredAt)));
  if (!purpose) throw notFound("That consent purpose");
  const { settings } = await currentPolicy(db);
  const k = settings.minCohortSize;
  const last = lastCompleteWeek(now);
  const first = addDays(last, -7 * (input.weeks - 1));
  // The baseline of the first shown week reaches 8 weeks further back; those weeks are not shown.
  const all = weeklySeries(await consentDays(db, purpose.id, addDays(first, -56), addDays(last, 6)));
  const shown = all.filter((w) => w.week >= first);

  let weeks = protectConsentWeeks(shown, k);
  const candidates = consentCandidates(purpose.id, weeks);
  const ledger = await inTransaction(db, (tx) =>
    ledgerFor(
      tx,
      candidates.map((c) => c.key),
    ),
  );
  const refused = new Map<string, Release>();
  for (const c of candidates) {
    const r = protectAgainstLedger(c, ledger, k);
    if (!r.released) refused.set(c.ref, r);
  }
  if (refused.size) weeks = protectConsentWeeks(shown, k, refused);

  const isRepeat = (c: { key: string; from: string; to: string; value: number }) => ledger.some((e) => e.key === c.key && e.from === c.from && e.to === c.to && e.value === c.value);
  const fresh = consentCandidates(purpose.id, weeks).filter((c) => !isRepeat(c));
  if (fresh.length) {
    const { releases } = await releaseNumbers(db, actor, { segmentId: null, candidates: fresh, k, via: "ui", at: now });
    // A concurrent release may have got in first: what the ledger refused now is withheld.
    const late = new Map(fresh.flatMap((c, i) => (releases[i]!.released ? [] : [[c.ref, releases[i]!] as const])));
    if (late.size) weeks = protectConsentWeeks(shown, k, new Map([...refused, ...late]));
  }

  const multiple = settings.withdrawalSpikeMultiple;
  const rows: ConsentReportWeek[] = weeks.map((w) => {
    const verdict = detectSpike(all, w.week, { multiple, k });
    const shownRatio = w.rate.released && (verdict.status === "spike" || verdict.status === "normal");
    return { ...w, ratio: shownRatio ? { released: true, value: verdict.ratio } : null, spike: shownRatio && verdict.status === "spike" };
  });
  const alerts = await db
    .select({ week: withdrawalAlerts.week, raisedAt: withdrawalAlerts.raisedAt })
    .from(withdrawalAlerts)
    .where(eq(withdrawalAlerts.purposeId, purpose.id))
    .orderBy(desc(withdrawalAlerts.week))
    .limit(10);
  return { purpose, k, multiple, from: first, to: addDays(last, 6), weeks: rows, alerts };
}

export type ConsentReport = Awaited<ReturnType<typeof consentReport>>;

/**
 * What relies on a purpose: the active segments that declare it, and the tools (API tokens, not
 * revoked) the activation gate allowed to use any of them in the last RECENT_DAYS days.
 */
export async function purposeReliance(db: DbOrTx, purposeId: string, now = new Date()) {
  const [purpose] = await db
    .select({ id: consentPurposes.id, key: consentPurposes.key, name: consentPurposes.name, description: consentPurposes.description, retiredAt: consentPurposes.retiredAt })
    .from(consentPurposes)
    .where(eq(consentPurposes.id, purposeId));
  if (!purpose) throw notFound("That consent purpose");
  const segments = rowsOf<{ id: string; key: string; name: string }>(
    await db.execute(sql`SELECT id, key, name FROM segments WHERE status = 'active' AND ${purposeId}::uuid = ANY(purpose_ids) ORDER BY name LIMIT 500`),
  );
  const asking = await toolsAskingAbout(
    db,
    segments.map((s) => s.id),
    now,
  );
  // Per tool: the channels it asks on and the segments it asks about, newest first.
  const tools = new Map<string, { name: string; channels: Set<string>; segments: string[]; lastAskedAt: Date }>();
  for (const s of segments) {
    for (const t of asking.get(s.id) ?? []) {
      const tool = tools.get(t.name) ?? { name: t.name, channels: new Set<string>(), segments: [], lastAskedAt: t.lastAskedAt };
      tool.channels.add(t.channel);
      if (!tool.segments.includes(s.name)) tool.segments.push(s.name);
      if (t.lastAskedAt > tool.lastAskedAt) tool.lastAskedAt = t.lastAskedAt;
      tools.set(t.name, tool);
    }
  }
  return {
    purpose,
    recentDays: RECENT_DAYS,
    segments,
    consumers: [...tools.values()].map((t) => ({ ...t, channels: [...t.channels].sort() })).sort((a, b) => b.lastAskedAt.getTime() - a.lastAskedAt.getTime()),
  };
}
