"use client";

import Link from "next/link";
import { ChangeTable } from "@/components/reviews/change-table";
import { subjectHref } from "@/components/reviews/format";
import { useCan } from "@/components/shell/permissions";
import { textLink } from "@/components/ui/button";
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
        {r.registeredSource ? (
          <p className="text-sm" data-testid="registered-source">
            Registered as{" "}
            <Link href={`/catalog/sources/${r.registeredSource.id}`} className={textLink}>
              {r.registeredSource.name}
            </Link>
            .
          </p>
        ) : (
          r.status === "approved" && <NextStep r={r} type={p.payload.type} />
        )}
      </div>
    </Card>
  );
}

/**
 * Once approved, the step that applies the decision, one click away: the source form filled in
 * from the request, the policies page, the signal's consents, the segment's edit form. Offered as
 * a link only to those who may take it.
 */
function NextStep({ r, type }: { r: ReviewRequest; type: NonNullable<ReviewRequest["proposal"]>["payload"]["type"] }) {
  const step = NEXT_STEPS[type](r);
  const can = useCan(step.scope);
  if (!can) return null;
  return (
    <p className="text-sm" data-testid="next-step">
      <Link href={step.href} className={textLink}>
        {step.label}
      </Link>
    </p>
  );
}

const NEXT_STEPS = {
  new_source: (r: ReviewRequest) => ({ href: `/catalog/sources/new?request=${r.id}`, label: "Register this source (filled in from the request)", scope: "source:manage" as const }),
  channel_rule: () => ({ href: "/policies", label: "Set the rule in Policies", scope: "policy:manage" as const }),
  data_use: (r: ReviewRequest) => ({ href: subjectHref(r.subjectType, r.subjectId), label: "Add the purposes to the consents", scope: "signal:manage" as const }),
  algorithm_change: (r: ReviewRequest) => ({
    href: `${subjectHref(r.subjectType, r.subjectId)}/edit`,
    label: "Make the change as a new version of the segment",
    scope: "segment:edit" as const,
  }),
} satisfies Record<string, (r: ReviewRequest) => { href: string; label: string; scope: string }>;
