"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { CHECK_KEYS } from "@/server/policy/types";
import { CHECK_NAMES } from "./check-text";
import { textLink } from "./format";

/** Dashboard card: how many segments each check currently flags. */
export function FindingsCard() {
  const trpc = useTRPC();
  const counts = useQuery(trpc.policy.findingCounts.queryOptions());

  const rows = CHECK_KEYS.map((key) => {
    const row = counts.data?.find((r) => r.policyKey === key);
    return { key, blocked: row?.blocked ?? 0, waived: row?.waived ?? 0, warnings: row?.warnings ?? 0 };
  }).filter((r) => r.blocked + r.waived + r.warnings > 0);
  const dash = <span className="text-slate-600">—</span>;

  return (
    <Card title="Findings by policy">
      {counts.isPending && <Spinner label="Loading findings" />}
      {counts.error && <ErrorState message={counts.error.message} onRetry={() => counts.refetch()} />}
      {counts.data && rows.length === 0 && <p className="text-sm text-slate-700">No findings: every segment passes every check.</p>}
      {rows.length > 0 && (
        <div className="space-y-3">
          <TableWrap label="Segments per check">
            <TableHead
              columns={[
                "Check",
                { label: "Segments blocked", className: "text-right" },
                { label: "Waived by exception", className: "text-right" },
                { label: "Segments with warnings", className: "text-right" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.key} data-testid={`findings-count-${r.key}`}>
                  <td className={td}>{CHECK_NAMES[r.key]}</td>
                  <td className={`${td} text-right tabular-nums`} data-testid="blocked">
                    {r.blocked || dash}
                  </td>
                  <td className={`${td} text-right tabular-nums`} data-testid="waived">
                    {r.waived || dash}
                  </td>
                  <td className={`${td} text-right tabular-nums`} data-testid="warnings">
                    {r.warnings || dash}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/catalog/segments?findings=blocked" className={textLink}>
              See blocked segments
            </Link>
            <Link href="/catalog/segments?findings=warnings" className={textLink}>
              See segments with warnings
            </Link>
            <Link href="/policies/exceptions" className={textLink}>
              See exceptions
            </Link>
          </p>
          <p className="text-xs text-slate-600">Counted per segment on its latest version; retired segments are left out.</p>
        </div>
      )}
    </Card>
  );
}
