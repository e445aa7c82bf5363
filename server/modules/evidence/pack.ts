import { strToU8, zipSync } from "fflate";
import type { Db } from "@/server/db/client";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { gatherEvidence } from "./gather";
import { ledgerCsv } from "./privacy";
import { summaryHtml } from "./summary-html";
import { inTransaction } from "@/server/db/transaction";

/**
 * Builds the ZIP (summary.html, evidence.json, privacy-ledger.csv: every number released about the
 * segment, audit-events.ndjson: the audit export's NDJSON, so `npm run audit:verify-export` checks
 * it) and records who took it.
 */
export async function buildEvidencePack(db: Db, actor: AuditActor, segmentId: string) {
  const evidence = await gatherEvidence(db, segmentId);
  const { auditEventLines, privacy, ...rest } = evidence;
  const { ledger, ...privacySummary } = privacy;
  const zip = zipSync({
    "summary.html": strToU8(summaryHtml(evidence)),
    "evidence.json": strToU8(JSON.stringify({ ...rest, privacy: { ...privacySummary, ledgerRows: ledger.length } }, null, 2)),
    "privacy-ledger.csv": strToU8(ledgerCsv(ledger)),
    "audit-events.ndjson": strToU8(auditEventLines.map((line) => `${line}\n`).join("")),
  });
  await inTransaction(db, async (tx) => {
    await recordAudit(tx, {
      actor,
      action: "evidence.exported",
      entityType: "segment",
      entityId: segmentId,
      after: { version: evidence.segment.version, auditEvents: auditEventLines.length },
    });
  });
  const safeKey = evidence.segment.key.replace(/[^a-z0-9_-]/gi, "_");
  return { zip, filename: `evidence-${safeKey}-v${evidence.segment.version}.zip` };
}
