import { formatDateTime } from "@/domain/dates";
import { LABELS } from "@/domain/vocab";
import { CONSENT_WALK } from "@/server/modules/lineage/service";
import type { Evidence } from "./gather";

const esc = (v: unknown) => String(v ?? "—").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const when = formatDateTime;
const rows = (cells: unknown[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
const table = (head: string[], body: unknown[][], empty: string) =>
  body.length ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows(body)}</tbody></table>` : `<p>${esc(empty)}</p>`;

/** A self-contained, printable page: the evidence pack's human-readable summary. */
export function summaryHtml(e: Evidence): string {
  const s = e.segment;
  const d = s.data;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence pack: ${esc(s.name)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #cbd5e1}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #cbd5e1;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f1f5f9}dt{font-weight:600}dd{margin:0 0 .5rem}
.block{color:#991b1b;font-weight:600}.warn{color:#92400e;font-weight:600}</style></head><body>
<h1>Evidence pack: ${esc(s.name)}</h1>
<p>Key <code>${esc(s.key)}</code> · status ${esc(LABELS.status[s.status])} · version ${esc(s.version)}${e.approvedVersion ? ` (version ${esc(e.approvedVersion)} approved)` : " (never approved)"} · sensitivity ${esc(LABELS.sensitivity[s.sensitivity])} · generated ${when(e.generatedAt)}</p>
<h2>Purpose</h2>
<dl><dt>Purpose statement</dt><dd>${esc(d.purposeStatement || "—")}</dd>
<dt>Business goal</dt><dd>${esc(LABELS.goal[d.businessGoal])}</dd>
<dt>Declared consent purposes</dt><dd>${esc(s.declaredPurposes.map((p) => p.name).join(", ") || "—")}</dd>
<dt>Channels</dt><dd>${esc(d.channels.map((c) => LABELS.channel[c]).join(", ") || "—")}</dd>
<dt>Definition</dt><dd>${esc(s.sentence)}</dd>
<dt>Owner</dt><dd>${esc(s.ownerName)}${d.team ? ` (${esc(d.team)})` : ""}</dd></dl>
<h2>Rationale</h2>
<dl><dt>Assumptions</dt><dd>${esc(d.rationale.assumptions || "—")}</dd><dt>Limitations</dt><dd>${esc(d.rationale.limitations || "—")}</dd><dt>Expected outcomes</dt><dd>${esc(d.rationale.expectedOutcomes || "—")}</dd></dl>
<h2>Inputs and their consent provenance</h2>
${table(
  ["Signal", "Source", "Data category", "Fidelity", "Collected for (lawful basis)"],
  s.signals.map((g) => [
    g.name,
    g.sourceName,
    `${g.categoryName} (${g.categoryKey})${g.isSpecialCategory ? " — special category" : ""}`,
    g.fidelity,
    g.consents.map((c) => `${c.purposeName} (${c.lawfulBasis.replace("_", " ")})`).join("; ") || "none recorded",
  ]),
  "No input signals.",
)}
${table(
  ["Parent segment", "Use"],
  s.parents.map((p) => [p.name, p.mode === "include" ? "included" : "excluded"]),
  "No parent segments.",
)}
<h2>Consent origins (through parent segments too)</h2>
${table(
  ["Consent purpose", "Lawful basis", "Signal", "Source", "Captured at"],
  e.consentOrigins.map((o) => [o.purposeName ?? "none recorded", o.lawfulBasis ?? "—", o.signal.name, o.source.name, o.source.capturePoints.join(", ")]),
  "No consent origins.",
)}
${e.consentOriginsPartial ? `<p class="warn">The walk upstream stopped after ${CONSENT_WALK.depth} hops or ${CONSENT_WALK.cap.toLocaleString("en")} nodes: consent origins further upstream are not listed.</p>` : ""}
<h2>Findings of version ${esc(s.version)}</h2>
${s.findings.length ? `<ul>${s.findings.map((f) => `<li><span class="${f.severity}">${f.severity === "block" ? "Blocks" : "Warning"}</span>: <strong>${esc(f.title)}</strong>. ${esc(f.message)} <em>Remedy:</em> ${esc(f.remedy)}${f.exception ? ` <strong>Exception</strong> until ${when(f.exception.expiresAt)} by ${esc(f.exception.grantedBy)}: ${esc(f.exception.justification)}` : ""}</li>`).join("")}</ul>` : "<p>No findings: every check passed.</p>"}
<h2>Exceptions</h2>
${table(
  ["Finding", "Justification", "Granted by", "Granted", "Expires", "Revoked"],
  e.exceptions.map((x) => [x.finding, x.justification, x.grantedBy, when(x.createdAt), when(x.expiresAt), when(x.revokedAt)]),
  "No exceptions were granted.",
)}
<h2>Approvals timeline</h2>
${
  e.approvals.length
    ? e.approvals
        .map(
          (r) =>
            `<h3>${esc(r.type.replace("_", " "))} of version ${esc(r.version)}: ${esc(r.status.replace("_", " "))}</h3><p>Opened ${when(r.createdAt)}${r.closedAt ? `, closed ${when(r.closedAt)}` : ""}. ${esc(r.justification)}</p>${table(
              ["Who", "Role", "Decision", "Comment", "When"],
              r.decisions.map((x) => [x.name, x.role.replace("_", " "), x.decision.replace("_", " "), x.comment, when(x.createdAt)]),
              "No decisions yet.",
            )}`,
        )
        .join("")
    : "<p>Never submitted for review.</p>"
}
<h2>Versions</h2>
${table(
  ["Version", "Author", "Saved", "Sensitivity"],
  e.versions.map((v) => [v.version, v.author, when(v.createdAt), v.sensitivity]),
  "",
)}
<h2>Reporting privacy</h2>
<p>${
    e.privacy.mode.differentialPrivacy
      ? "Outcome reports are released with differential privacy (discrete Laplace noise)"
      : "Outcome reports are released without noise (threshold, complementary suppression and difference protection)"
  }${e.privacy.mode.source === "segment" ? `, as ${esc(e.privacy.mode.setBy)} chose on ${when(e.privacy.mode.setAt)}: ${esc(e.privacy.mode.reason)}` : ", the policy's default"}. The policy allows ε ${esc(e.privacy.policy.monthlyBudget)} a month, ε ${esc(e.privacy.policy.epsilonPerRelease)} per release.</p>
${table(
  ["Month", "Budget (ε)", "Spent (ε)"],
  e.privacy.budgets.map((b) => [b.month, b.budget, b.spent]),
  "No privacy budget has been spent.",
)}
<p>${esc(e.privacy.ledger.length)} released numbers are listed in <code>privacy-ledger.csv</code>: what was counted, over which days, the value shown, the ε it spent (when noisy), how it left and who released it.</p>
<h2>Audit events</h2>
<p>${esc(e.auditEventLines.length)} events about this segment and its review requests are in <code>audit-events.ndjson</code>, each with its chain hash, in the audit export&#39;s format: <code>npm run audit:verify-export -- audit-events.ndjson</code> re-hashes them, and they can be checked against the full audit trail.</p>
</body></html>`;
}
