"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { textLink } from "@/components/ui/button";
import { isNotFound } from "@/components/ui/errors";
import { Badge, Card, PageHeader, TableWrap, td, th } from "@/components/ui/layout";
import { EmptyState, PageError, Spinner } from "@/components/ui/states";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { formatDateTime } from "@/domain/dates";
import { LABELS, type Channel } from "@/domain/vocab";

/** A consent purpose's page: the active segments that declare it and the tools the gate lets use them. */
export function PurposeReliance({ id }: { id: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.consentMetrics.reliance.queryOptions({ purposeId: id }));
  const canSeeConsent = useCan("metrics:read");
  if (q.isPending) return <Spinner label="Loading the purpose" />;
  if (q.isError) {
    if (isNotFound(q.error)) return <EmptyState title="That consent purpose was not found" />;
    return <PageError title="Consent purpose" message={q.error.message} onRetry={() => void q.refetch()} />;
  }
  const { purpose, segments, consumers, recentDays } = q.data;
  return (
    <>
      <PageHeader
        title={purpose.name}
        description={
          <>
            <code>{purpose.key}</code>
            {purpose.retiredAt ? " · retired" : ""}
            {purpose.description ? ` · ${purpose.description}` : ""}
          </>
        }
        actions={
          canSeeConsent && (
            <Link className={textLink} href={`/consent?purpose=${purpose.id}`}>
              Consent figures
            </Link>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Active segments that rely on it (${segments.length})`}>
          {segments.length === 0 ? (
            <p className="text-sm text-slate-600">No active segment declares this purpose.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {segments.map((s) => (
                <li key={s.id}>
                  <Link className={textLink} href={`/catalog/segments/${s.id}`}>
                    {s.name}
                  </Link>{" "}
                  <code className="text-xs text-slate-600">{s.key}</code>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Gate consumers (${consumers.length})`}>
          {consumers.length === 0 ? (
            <p className="text-sm text-slate-600">No tool was allowed to use these segments through the activation gate in the last {recentDays} days.</p>
          ) : (
            <TableWrap label="Gate consumers">
              <table className="min-w-full text-sm">
                <thead className="bg-slate-50 text-left">
                  <tr>
                    <th scope="col" className={th}>
                      Tool (API token)
                    </th>
                    <th scope="col" className={th}>
                      Channels
                    </th>
                    <th scope="col" className={th}>
                      Segments
                    </th>
                    <th scope="col" className={th}>
                      Last asked
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {consumers.map((c) => (
                    <tr key={c.name} className="border-t border-slate-100">
                      <th scope="row" className={`${td} font-medium`}>
                        {c.name}
                      </th>
                      <td className={td}>
                        <div className="flex flex-wrap gap-1">
                          {c.channels.map((ch) => (
                            <Badge key={ch}>{LABELS.channel[ch as Channel] ?? ch}</Badge>
                          ))}
                        </div>
                      </td>
                      <td className={td}>{c.segments.join(", ")}</td>
                      <td className={`${td} whitespace-nowrap`}>{formatDateTime(c.lastAskedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="mt-2 text-xs text-slate-600">Tools the gate allowed in the last {recentDays} days; revoked tokens are left out.</p>
        </Card>
      </div>
    </>
  );
}
