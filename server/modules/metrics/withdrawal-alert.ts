/**
 * The withdrawal-spike alert: after a week ends, each purpose whose withdrawal rate that week is
 * above the policy's multiple of its 8-week baseline (domain/withdrawal-spike.ts) notifies the
 * privacy officers, once. The (purpose, week) is claimed by inserting its withdrawal_alerts row
 * with ON CONFLICT DO NOTHING in the transaction that notifies and audits: a second run, or a
 * second server process, finds it claimed and raises nothing.
 */
import { sql } from "drizzle-orm";
import { formatDate } from "@/domain/dates";
import { detectSpike, lastCompleteWeek, percent, weeklySeries, type ConsentDay } from "@/domain/withdrawal-spike";
import { recordAudit, SYSTEM_ACTOR } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { inTransaction } from "@/server/db/transaction";
import { notify, usersWithRoles } from "@/server/modules/notifications/service";
import { currentPolicy } from "@/server/modules/policy/settings.service";

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Checks the last complete week of every purpose with figures; returns how many were checked and raised. */
export async function raiseWithdrawalAlerts(db: Db, now: Date): Promise<{ checked: number; raised: number }> {
  const { settings } = await currentPolicy(db);
  const week = lastCompleteWeek(now);
  const rows = rowsOf<ConsentDay & { purposeId: string; key: string; name: string }>(
    await db.execute(sql`
      SELECT m.purpose_id AS "purposeId", p.key, p.name, to_char(m.date, 'YYYY-MM-DD') AS date,
             sum(m.consented)::int AS consented, sum(m.opt_ins)::int AS "optIns", sum(m.withdrawals)::int AS withdrawals
      FROM consent_metrics m JOIN consent_purposes p ON p.id = m.purpose_id
      WHERE p.retired_at IS NULL AND m.date BETWEEN ${addDays(week, -56)}::date AND ${addDays(week, 6)}::date
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 4`),
  );
  const byPurpose = new Map<string, { key: string; name: string; days: ConsentDay[] }>();
  for (const r of rows) {
    const p = byPurpose.get(r.purposeId) ?? { key: r.key, name: r.name, days: [] };
    p.days.push({ date: r.date, consented: r.consented, optIns: r.optIns, withdrawals: r.withdrawals });
    byPurpose.set(r.purposeId, p);
  }
  let raised = 0;
  for (const [purposeId, p] of byPurpose) {
    const v = detectSpike(weeklySeries(p.days), week, { multiple: settings.withdrawalSpikeMultiple, k: settings.minCohortSize });
    if (v.status !== "spike") continue;
    const claimed = await inTransaction(db, async (tx) => {
      const got = rowsOf(
        await tx.execute(sql`
          INSERT INTO withdrawal_alerts (purpose_id, week, rate, baseline, multiple)
          VALUES (${purposeId}::uuid, ${week}::date, ${v.rate}, ${v.baseline}, ${settings.withdrawalSpikeMultiple})
          ON CONFLICT DO NOTHING RETURNING 1`),
      );
      if (!got.length) return false;
      const times = Number.isFinite(v.ratio) ? `${v.ratio.toFixed(1)}× its` : "against a";
      await notify(tx, await usersWithRoles(tx, ["privacy_officer"], []), {
        kind: "withdrawal_spike",
        title: `Consent withdrawals spiked for “${p.name}”`,
        body: `In the week of ${formatDate(week)}, ${percent(v.rate)} of the people consenting withdrew: ${times} 8-week baseline of ${percent(v.baseline)} (the policy alerts above ${settings.withdrawalSpikeMultiple}×).`,
        link: `/consent?purpose=${purposeId}`,
      });
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "metrics.withdrawal_spike_raised",
        entityType: "consent_purpose",
        entityId: purposeId,
        after: { purpose: p.key, week, rate: v.rate, baseline: v.baseline, multiple: settings.withdrawalSpikeMultiple },
      });
      return true;
    });
    if (claimed) raised++;
  }
  return { checked: byPurpose.size, raised };
}
