import { DECISION_LABELS, DECISION_TONES, outstandingText } from "@/components/reviews/format";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card } from "@/components/ui/layout";
import { ROLE_LABELS } from "@/server/authz/scopes";
import type { ReviewRequest } from "./types";

/** What the policy requires, how far along it is, and every decision so far. */
export function ApprovalsCard({ r }: { r: ReviewRequest }) {
  const approvedBy = (role: string) => new Set(r.decisions.filter((d) => d.decision === "approve" && d.role === role).map((d) => d.userId)).size;
  return (
    <Card title="Approvals">
      <div className="space-y-4">
        <ul className="space-y-1 text-sm" data-testid="approval-progress">
          {r.required.map((req) => {
            const got = Math.min(approvedBy(req.role), req.count);
            const done = got >= req.count;
            return (
              <li key={req.role} className="flex items-center justify-between gap-3" data-testid={`progress-${req.role}`}>
                <span className="text-slate-800">{ROLE_LABELS[req.role]}</span>
                <span className={`tabular-nums ${done ? "font-semibold text-green-800" : "text-slate-800"}`}>
                  {got}/{req.count}
                  {done && (
                    <>
                      <span aria-hidden> ✓</span>
                      <span className="sr-only"> (complete)</span>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
        {r.status === "open" && (
          <p className="text-sm text-slate-700" data-testid="still-to-approve">
            {r.outstanding.length ? `Still to approve: ${outstandingText(r.outstanding)}.` : "All required approvals are in."}
          </p>
        )}
        <section aria-labelledby="decisions-heading" className="space-y-2">
          <h3 id="decisions-heading" className="text-sm font-semibold text-slate-900">
            Decisions so far
          </h3>
          {r.decisions.length === 0 ? (
            <p className="text-sm text-slate-700">Nobody has decided yet.</p>
          ) : (
            <ol className="space-y-3" data-testid="decisions">
              {r.decisions.map((d) => (
                <li key={d.id} className="border-l-2 border-slate-200 pl-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{d.name}</span>
                    <span className="text-slate-600">{ROLE_LABELS[d.role]}</span>
                    <Badge tone={DECISION_TONES[d.decision]}>{DECISION_LABELS[d.decision]}</Badge>
                  </div>
                  {d.comment && <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">{d.comment}</p>}
                  <p className="mt-1 text-xs text-slate-600">
                    <time dateTime={new Date(d.createdAt).toISOString()}>{formatDateTime(d.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Card>
  );
}
