import { checkName, SEVERITY_LABELS } from "@/components/policy/check-text";
import { formatDate } from "@/components/ui/format";
import { Badge, Card } from "@/components/ui/layout";
import type { ReviewRequest } from "./types";

type Finding = NonNullable<ReviewRequest["segment"]>["findings"][number];

/** The findings of the pinned version, with the exception that covers each blocking one, if any. */
export function FindingsCard({ findings, version }: { findings: Finding[]; version: number | null }) {
  return (
    <Card title={version !== null ? `Findings of version ${version}` : "Findings"}>
      {findings.length === 0 ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="no-findings">
          No findings: every check passes.
        </p>
      ) : (
        <ul className="space-y-3" data-testid="request-findings">
          {findings.map((f) => {
            const blocks = f.severity === "block";
            return (
              <li
                key={f.id}
                className={`rounded-md border bg-white p-3 ${f.exception ? "border-slate-200" : blocks ? "border-red-300" : "border-amber-300"}`}
                data-testid={`finding-${f.policyKey}`}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={blocks ? "red" : "amber"}>{SEVERITY_LABELS[f.severity]}</Badge>
                  {f.exception && <Badge tone="blue">Exception granted</Badge>}
                  <h3 className="text-sm font-semibold break-words text-slate-900">{f.title}</h3>
                  <span className="text-xs text-slate-600">{checkName(f.policyKey)}</span>
                </div>
                <p className="mt-2 text-sm break-words text-slate-800">{f.message}</p>
                <p className="mt-1 text-sm break-words text-slate-800">
                  <span className="font-semibold">How to fix:</span> {f.remedy}
                </p>
                {f.exception && (
                  <p className="mt-2 rounded bg-blue-50 px-3 py-2 text-sm break-words text-blue-900" data-testid="finding-exception">
                    Exception granted by {f.exception.grantedBy}, until {formatDate(f.exception.expiresAt)}: {f.exception.justification}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
