import { FindingText, findingBorder } from "@/components/policy/finding-text";
import { formatDate } from "@/domain/dates";
import { Card } from "@/components/ui/layout";
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
          {findings.map((f) => (
            <li key={f.id} className={`rounded-md border bg-white p-3 ${findingBorder(f)}`} data-testid={`finding-${f.policyKey}`}>
              <FindingText finding={f} />
              {f.exception && (
                <p className="mt-2 rounded bg-blue-50 px-3 py-2 text-sm break-words text-blue-900" data-testid="finding-exception">
                  Exception granted by {f.exception.grantedBy}, until {formatDate(f.exception.expiresAt)}: {f.exception.justification}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
