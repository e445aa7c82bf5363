"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { formatNumber } from "@/components/ui/format";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { textLink } from "@/components/policy/format";
import { channelLabel } from "./channel-label";
import type { AppRouter } from "@/server/trpc/root";

type Usage = inferRouterOutputs<AppRouter>["usage"]["bySegment"];

/**
 * "Used by": the tools (API tokens, by name) that ask the activation gate about this segment,
 * per channel, with their allowed and denied counts and the latest denials with their reasons.
 */
export function UsedByPanel({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.usage.bySegment.queryOptions({ segmentId }));
  return (
    <Card title="Used by">
      <div className="space-y-4" data-testid="used-by-panel">
        {usage.isPending && <Spinner label="Loading the tools that use this segment" />}
        {usage.error && <ErrorState message={usage.error.message} onRetry={() => usage.refetch()} />}
        {usage.data && usage.data.tools.length === 0 && <NoTools />}
        {usage.data && usage.data.tools.length > 0 && <UsageTables usage={usage.data} />}
      </div>
    </Card>
  );
}

function NoTools() {
  const canManageTokens = useCan("token:manage");
  return (
    <EmptyState title="No tool has asked about this segment yet">
      <p>
        Activation tools (an e-mail platform, a CDP, an audience sync) ask whether they may use it through the decision API,{" "}
        <code className="text-xs break-all">GET /api/v1/segments/{"{key}"}/decision</code>, with an API token that has the <code className="text-xs">activation:read</code> scope.{" "}
        {canManageTokens ? (
          <Link href="/settings/tokens" className={textLink}>
            Create one under Settings → API tokens.
          </Link>
        ) : (
          "An admin creates tokens under Settings → API tokens."
        )}
      </p>
    </EmptyState>
  );
}

function UsageTables({ usage }: { usage: Usage }) {
  const days = usage.recentDays;
  return (
    <>
      {/* A phone gets one card per row: a six-column table would hide the counts off to the side. */}
      <ul className="space-y-2 sm:hidden" aria-label="Tools that asked about this segment">
        {usage.tools.map((t) => (
          <li key={`${t.tokenId}/${t.channel}`} className="rounded-md border border-slate-200 px-3 py-2 text-sm" data-testid="used-by-card">
            <p className="font-medium break-words text-slate-900">
              {t.tokenName} · {channelLabel(t.channel)} {t.revoked && <Badge>revoked</Badge>}
            </p>
            <p className="text-slate-700">Last asked {formatDateTime(t.lastAskedAt)}</p>
            <p className="text-slate-700">
              Last {days} days: {formatNumber(t.recentAllowed)} allowed, <span className={t.recentDenied > 0 ? "font-medium text-red-800" : ""}>{formatNumber(t.recentDenied)} denied</span>
            </p>
            <p className="text-slate-600">
              All time: {formatNumber(t.totalAllowed)} allowed, {formatNumber(t.totalDenied)} denied
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <TableWrap label="Tools that asked about this segment">
          <TableHead columns={["Tool", "Channel", "Last asked", `Allowed (${days} days)`, `Denied (${days} days)`, "All time"]} />
          <tbody className="divide-y divide-slate-100">
            {usage.tools.map((t) => (
              <tr key={`${t.tokenId}/${t.channel}`} data-testid="used-by-row">
                <td className={`${td} font-medium`}>
                  {t.tokenName} {t.revoked && <Badge>revoked</Badge>}
                </td>
                <td className={td}>{channelLabel(t.channel)}</td>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(t.lastAskedAt)}</td>
                <td className={td}>{formatNumber(t.recentAllowed)}</td>
                <td className={td}>{t.recentDenied > 0 ? <span className="font-medium text-red-800">{formatNumber(t.recentDenied)}</span> : "0"}</td>
                <td className={`${td} whitespace-nowrap text-slate-600`}>
                  {formatNumber(t.totalAllowed)} allowed, {formatNumber(t.totalDenied)} denied
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      </div>
      <section aria-labelledby="recent-denials">
        <h3 id="recent-denials" className="text-sm font-semibold text-slate-900">
          Recent denials
        </h3>
        {usage.denials.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="no-denials">
            No denials in the last {usage.denialLogDays} days.
          </p>
        ) : (
          <>
            <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="recent-denials">
              {usage.denials.map((d) => (
                <li key={d.id} className="px-3 py-2 text-sm" data-testid="denial">
                  <p className="break-words text-slate-900">
                    <span className="font-medium">{d.tokenName}</span> · {channelLabel(d.channel)} · <span className="text-slate-600">{formatDateTime(d.at)}</span>
                    {d.count > 1 && (
                      <span className="text-slate-600">
                        {" "}
                        · {formatNumber(d.count)} times{d.lastAt && formatDateTime(d.lastAt) !== formatDateTime(d.at) ? `, the last at ${formatDateTime(d.lastAt)}` : ""}
                      </span>
                    )}
                  </p>
                  <ul className="mt-1 list-disc pl-5 text-slate-700">
                    {d.reasons.map((r) => (
                      <li key={r.code}>
                        {r.message} <code className="text-xs text-slate-600">{r.code}</code>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            <p className="mt-1 text-xs text-slate-600">
              The latest {usage.denialLimit} at most, newest first; denials are kept {usage.denialLogDays} days.
            </p>
          </>
        )}
      </section>
    </>
  );
}
