"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { formatDateTime } from "@/domain/dates";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";

export function VersionHistory() {
  const trpc = useTRPC();
  const versions = useQuery(trpc.policy.versions.queryOptions());
  return (
    <Card title="Version history">
      {versions.isPending && <Spinner label="Loading policy versions" />}
      {versions.error && <ErrorState message={versions.error.message} onRetry={() => versions.refetch()} />}
      {versions.data && versions.data.length === 0 && <p className="text-sm text-slate-700">Version 1 is Steward’s built-in default; nobody has changed the policy yet.</p>}
      {versions.data && versions.data.length > 0 && (
        <TableWrap label="Policy versions">
          <TableHead columns={["Version", "Changed by", "When", "Reason"]} />
          <tbody className="divide-y divide-slate-100">
            {versions.data.map((v) => (
              <tr key={v.version} data-testid={`policy-version-${v.version}`}>
                <td className={`${td} tabular-nums`}>{v.version}</td>
                <td className={`${td} whitespace-nowrap`}>{v.by ?? "System"}</td>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(v.createdAt)}</td>
                <td className={`${td} min-w-60`}>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
      {versions.data && versions.data.length > 0 && !versions.data.some((v) => v.version === 1) && <p className="mt-2 text-xs text-slate-600">Version 1 was Steward’s built-in default.</p>}
    </Card>
  );
}
