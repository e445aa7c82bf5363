"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { Card, TableWrap, td, th } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { CHECK_KEYS } from "@/server/policy/types";
import { CHECK_NAMES } from "./check-text";
import { textLink } from "./format";

/** Dashboard card: how many segments each check currently flags. */
export function FindingsCard() {
  const trpc = useTRPC();
  const counts = useQuery(trpc.policy.findingCounts.queryOptions());

  const rows = CHECK_KEYS.map((key) => {
    const of = (severity: "block" | "warn") => counts.data?.find((r) => r.policyKey === key && r.severity === severity)?.segments ?? 0;
    return { key, blocked: of("block"), warnings: of("warn") };
  }).filter((r) => r.blocked + r.warnings > 0);

  return (
    <Card title="Findings by policy">
      {counts.isPending && <Spinner label="Loading findings" />}
      {counts.error && <ErrorState message={counts.error.message} onRetry={() => counts.refetch()} />}
      {counts.data && rows.length === 0 && <p className="text-sm text-slate-700">No findings: every segment passes every check.</p>}
      {rows.length > 0 && (
        <div className="space-y-3">
          <TableWrap label="Findings by policy">
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>Check</th>
                <th className={`${th} text-right`}>Segments blocked</th>
                <th className={`${th} text-right`}>Segments with warnings</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.key} data-testid={`findings-count-${r.key}`}>
                  <td className={td}>{CHECK_NAMES[r.key]}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.blocked || <span className="text-slate-600">—</span>}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.warnings || <span className="text-slate-600">—</span>}</td>
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
          </p>
          <p className="text-xs text-slate-600">Counts include blocking findings that an exception covers; the blocked list does not.</p>
        </div>
      )}
    </Card>
  );
}
