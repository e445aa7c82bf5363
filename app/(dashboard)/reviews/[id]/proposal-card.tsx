import { ChangeTable } from "@/components/reviews/change-table";
import { Card } from "@/components/ui/layout";
import { AFTER_APPROVAL, PROPOSAL_TITLES, stalePin } from "@/domain/review-proposals";
import type { ReviewRequest } from "./types";

const note = "rounded-md border px-3 py-2 text-sm";

/** What a data-use, new-source, algorithm-change or channel-rule request asks for, against what was in force when it was made. */
export function ProposalCard({ r }: { r: ReviewRequest }) {
  const p = r.proposal;
  if (!p) return null;
  const open = r.status === "open" || r.status === "changes_requested";
  const stale = open ? stalePin(r.subjectType, r.subjectVersion, p.currentVersion) : null;
  const pinnedTo = r.subjectVersion === null ? "when asked" : r.subjectType === "policy" ? `policy version ${r.subjectVersion}` : `version ${r.subjectVersion}`;
  return (
    <Card title={PROPOSAL_TITLES[p.payload.type]}>
      <div className="space-y-3" data-testid="proposal-card">
        {stale && <p className={`${note} border-amber-300 bg-amber-50 text-amber-900`}>{stale}</p>}
        <ChangeTable
          rows={p.rows.map((row) => ({ field: row.field, label: row.label, before: row.inForce, after: row.proposed }))}
          beforeLabel={`In force (${pinnedTo})`}
          afterLabel="Proposed"
          caption={`${PROPOSAL_TITLES[p.payload.type]}, against what was in force`}
        />
        <p className={`${note} border-slate-200 bg-slate-50 text-slate-800`}>{AFTER_APPROVAL[p.payload.type]}</p>
      </div>
    </Card>
  );
}
