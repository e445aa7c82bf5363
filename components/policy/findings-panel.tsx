"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { LABELS, type Channel } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { FindingText, findingBorder } from "./finding-text";
import { formatDate } from "@/domain/dates";
import { plural, textLink } from "./format";
import { GrantExceptionForm } from "./grant-exception-form";

type Finding = inferRouterOutputs<AppRouter>["segments"]["byId"]["findings"][number];

/** The policy findings of a segment's current version, blocking first, each with its remedy. */
export function FindingsPanel({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const segment = useQuery(trpc.segments.byId.queryOptions({ id: segmentId }));
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: true }));
  const canGrant = useCan("exception:grant");
  const [granting, setGranting] = useState<string | null>(null);

  const purposeName = (key: string) => purposes.data?.find((p) => p.key === key)?.name ?? key;
  // What still blocks comes first, then what an exception covers, then warnings.
  const rank = (f: Finding) => (f.severity !== "block" ? 2 : f.exception ? 1 : 0);
  const findings = [...(segment.data?.findings ?? [])].sort((a, b) => rank(a) - rank(b));
  const blocking = findings.filter((f) => f.severity === "block");
  const open = blocking.filter((f) => !f.exception).length;

  return (
    <Card title="Policy findings">
      <div className="space-y-4" data-testid="findings-panel">
        {segment.isPending && <Spinner label="Loading findings" />}
        {segment.error && <ErrorState message={segment.error.message} onRetry={() => segment.refetch()} />}
        {segment.data?.consentChangedUpstream && (
          <div className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="consent-changed-banner">
            <p className="font-semibold">Consent changed upstream — blocked until re-approved</p>
            <p className="mt-1">The consent behind one of its inputs changed after it was approved. A re-review has been opened.</p>
          </div>
        )}
        {segment.data && findings.length === 0 && (
          <p className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900" data-testid="no-findings">
            No findings: every check passes.
          </p>
        )}
        {findings.length > 0 && (
          <>
            <p className="text-sm text-slate-700" data-testid="findings-summary">
              {open > 0
                ? `${plural(open, "blocking finding", "blocking findings")} without an exception: this version cannot be approved or activated until ${open === 1 ? "it is" : "they are"} fixed or waived.`
                : blocking.length > 0
                  ? "Every blocking finding is covered by an exception."
                  : "Only warnings: they never block, but reviewers will see them."}
            </p>
            <ul className="space-y-3">
              {findings.map((f) => (
                <FindingItem
                  key={f.id}
                  finding={f}
                  purposeName={purposeName}
                  canGrant={canGrant}
                  granting={granting === f.id}
                  onGrant={() => setGranting(f.id)}
                  onDone={() => setGranting(null)}
                  segmentId={segmentId}
                />
              ))}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}

function FindingItem({
  finding: f,
  purposeName,
  canGrant,
  granting,
  onGrant,
  onDone,
  segmentId,
}: {
  finding: Finding;
  purposeName: (key: string) => string;
  canGrant: boolean;
  granting: boolean;
  onGrant: () => void;
  onDone: () => void;
  segmentId: string;
}) {
  const blocks = f.severity === "block";
  return (
    <li className={`rounded-md border ${findingBorder(f)} bg-white p-3`} data-testid={`finding-${f.policyKey}`}>
      <FindingText finding={f} />
      <Involved finding={f} purposeName={purposeName} />
      {f.exception && (
        <p className="mt-2 rounded bg-blue-50 px-3 py-2 text-sm break-words text-blue-900" data-testid="finding-exception">
          Exception until {formatDate(f.exception.expiresAt)} by {f.exception.grantedBy}: {f.exception.justification}
        </p>
      )}
      {canGrant && blocks && !f.exception && (
        <div className="mt-3">
          {granting ? (
            <GrantExceptionForm findingId={f.id} findingTitle={f.title} segmentId={segmentId} onDone={onDone} />
          ) : (
            <Button variant="secondary" onClick={onGrant} aria-label={`Grant exception: ${f.title}`}>
              Grant exception
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function Involved({ finding: f, purposeName }: { finding: Finding; purposeName: (key: string) => string }) {
  if (f.signals.length === 0 && f.purposes.length === 0 && f.channels.length === 0) return null;
  return (
    <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
      {f.signals.length > 0 && (
        <>
          <dt className="text-slate-600">{f.signals.length === 1 ? "Signal" : "Signals"}</dt>
          <dd className="flex flex-wrap gap-x-3 gap-y-1">
            {f.signals.map((s) => (
              <Link key={s.id} href={`/catalog/signals/${s.id}`} className={`${textLink} break-words`}>
                {s.name}
              </Link>
            ))}
          </dd>
        </>
      )}
      {f.purposes.length > 0 && (
        <>
          <dt className="text-slate-600">{f.purposes.length === 1 ? "Purpose" : "Purposes"}</dt>
          <dd className="break-words text-slate-800">{f.purposes.map(purposeName).join(", ")}</dd>
        </>
      )}
      {f.channels.length > 0 && (
        <>
          <dt className="text-slate-600">{f.channels.length === 1 ? "Channel" : "Channels"}</dt>
          <dd className="text-slate-800">{f.channels.map((c) => LABELS.channel[c as Channel] ?? c).join(", ")}</dd>
        </>
      )}
    </dl>
  );
}
