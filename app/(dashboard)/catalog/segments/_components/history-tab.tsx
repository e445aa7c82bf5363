"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { SelectField } from "@/components/ui/field";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td, th } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { SensitivityBadge } from "./badges";
import type { SegmentVersionRow } from "./types";

export function HistoryTab({ id }: { id: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.segments.history.queryOptions({ id }));
  if (history.isPending) return <Spinner label="Loading versions" />;
  if (history.error) return <ErrorState message={history.error.message} onRetry={() => history.refetch()} />;
  const versions = history.data;
  return (
    <div className="space-y-6">
      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-base font-semibold text-slate-900">
          Versions
        </h2>
        <TableWrap label="Versions">
          <TableHead columns={["Version", "Author", "Saved", "Sensitivity", "Changed"]} />
          <tbody className="divide-y divide-slate-100">
            {versions.map((v) => (
              <tr key={v.version} data-testid={`version-row-${v.version}`}>
                <td className={`${td} font-medium`}>{v.version}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {v.authorName}
                  <p className="text-xs text-slate-600">{v.authorEmail}</p>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <time dateTime={new Date(v.createdAt).toISOString()}>{formatDateTime(v.createdAt)}</time>
                </td>
                <td className={td}>
                  <SensitivityBadge value={v.sensitivity} />
                </td>
                <td className={`${td} min-w-48`}>
                  <div className="flex flex-wrap gap-1">
                    {v.changed.length === 0 ? <span className="text-slate-600">No field changes</span> : v.changed.map((c) => <Badge key={c}>{c}</Badge>)}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      </section>
      <CompareVersions id={id} versions={versions} />
    </div>
  );
}

function CompareVersions({ id, versions }: { id: string; versions: SegmentVersionRow[] }) {
  const trpc = useTRPC();
  const latest = versions[0]?.version ?? 1;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const comparable = from !== to && versions.length > 1;
  const diff = useQuery({ ...trpc.segments.diff.queryOptions({ id, from, to }), enabled: comparable });
  const label = (v: SegmentVersionRow) => `Version ${v.version} — ${v.authorName}, ${formatDateTime(v.createdAt)}`;

  return (
    <Card title="Compare versions">
      {versions.length < 2 ? (
        <p className="text-sm text-slate-600">There is only one version so far. Each save adds a version you can compare here.</p>
      ) : (
        <div className="space-y-4">
          <div className="grid gap-4 md:grid-cols-2">
            <SelectField label="From version" name="from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </SelectField>
            <SelectField label="To version" name="to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {label(v)}
                </option>
              ))}
            </SelectField>
          </div>
          {!comparable && <p className="text-sm text-slate-600">Choose two different versions.</p>}
          {comparable && diff.isPending && <Spinner label="Comparing versions" />}
          {comparable && diff.error && <ErrorState message={diff.error.message} onRetry={() => diff.refetch()} />}
          {comparable && diff.data && diff.data.changes.length === 0 && <EmptyState title={`No differences between version ${from} and version ${to}`} />}
          {comparable && diff.data && diff.data.changes.length > 0 && <ChangeTable from={from} to={to} changes={diff.data.changes} />}
        </div>
      )}
    </Card>
  );
}

type Change = { field: string; label: string; before: string; after: string };

/** A table where there is room for before and after side by side; stacked on a phone. */
function ChangeTable({ from, to, changes }: { from: number; to: number; changes: Change[] }) {
  return (
    <>
      <div className="hidden md:block">
        <TableWrap label={`Changes from version ${from} to version ${to}`}>
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>Field</th>
              <th className={th}>Before (version {from})</th>
              <th className={th}>After (version {to})</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {changes.map((c) => (
              <tr key={c.field} data-testid={`diff-${c.field}`}>
                <th scope="row" className={`${td} text-left font-medium whitespace-nowrap`}>
                  {c.label}
                </th>
                <td className={`${td} w-1/2 bg-red-50/60 whitespace-pre-line`}>{c.before}</td>
                <td className={`${td} w-1/2 bg-green-50/60 whitespace-pre-line`}>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      </div>
      <ul className="space-y-3 md:hidden" aria-label={`Changes from version ${from} to version ${to}`}>
        {changes.map((c) => (
          <li key={c.field} className="rounded-md border border-slate-200 p-3 text-sm">
            <p className="font-medium text-slate-900">{c.label}</p>
            <dl className="mt-2 space-y-2">
              <div className="rounded bg-red-50/60 p-2">
                <dt className="text-xs font-semibold text-slate-700">Before (version {from})</dt>
                <dd className="break-words whitespace-pre-line text-slate-900">{c.before}</dd>
              </div>
              <div className="rounded bg-green-50/60 p-2">
                <dt className="text-xs font-semibold text-slate-700">After (version {to})</dt>
                <dd className="break-words whitespace-pre-line text-slate-900">{c.after}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
