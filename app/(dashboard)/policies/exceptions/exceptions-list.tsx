"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { checkName } from "@/components/policy/check-text";
import { textLink } from "@/components/policy/format";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { SelectField } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/domain/dates";
import { Badge, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import type { AppRouter } from "@/server/trpc/root";
import { RevokeException } from "./revoke-exception";
import { EXCEPTION_STATUSES, parseStatus, STATUS_LABELS, type ExceptionStatus } from "./status";

type Row = inferRouterOutputs<AppRouter>["policy"]["exceptions"][number];

const EMPTY: Record<ExceptionStatus, string> = {
  active: "No active exceptions",
  expired: "No expired exceptions",
  revoked: "No revoked exceptions",
  all: "No exceptions yet",
};
const TONES = { active: "green", expired: "amber", revoked: "slate" } as const;

export function ExceptionsList({ initialStatus }: { initialStatus: ExceptionStatus }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const canGrant = useCan("exception:grant");
  // The filter answers at once; the URL, which makes the view shareable, follows.
  const [status, setStatus] = useState<ExceptionStatus>(initialStatus);
  const list = useQuery({ ...trpc.policy.exceptions.queryOptions({ status }), placeholderData: (prev) => prev });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-48">
          <SelectField
            label="Status"
            name="status"
            value={status}
            onChange={(e) => {
              const next = parseStatus(e.target.value);
              setStatus(next);
              router.replace(next === "active" ? pathname : `${pathname}?status=${next}`, { scroll: false });
            }}
          >
            {EXCEPTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
        {list.data && (
          <p className="pb-2 text-sm text-slate-700" role="status" data-testid="exceptions-count">
            {list.data.length === 1 ? "1 exception" : `${list.data.length} exceptions`}
            {list.data.length === 500 ? " (the 500 most recent)" : ""}
          </p>
        )}
      </div>
      {list.isPending && <Spinner label="Loading exceptions" />}
      {list.error && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && list.data.length === 0 && <EmptyState title={EMPTY[status]}>A privacy officer grants an exception from the findings on a segment’s page.</EmptyState>}
      {list.data && list.data.length > 0 && (
        <TableWrap label="Exceptions">
          <TableHead columns={["Segment", "Finding", "Justification", "Granted by", "Expires", "Status"]} actions={canGrant} />
          <tbody className="divide-y divide-slate-100">
            {list.data.map((e) => (
              <ExceptionRow key={e.id} row={e} canGrant={canGrant} />
            ))}
          </tbody>
        </TableWrap>
      )}
    </div>
  );
}

function ExceptionRow({ row: e, canGrant }: { row: Row; canGrant: boolean }) {
  const status = e.status as keyof typeof TONES;
  return (
    <tr data-testid={`exception-row-${e.id}`}>
      <td className={`${td} min-w-40`}>
        <Link href={`/catalog/segments/${e.segmentId}`} className={textLink}>
          {e.segmentName}
        </Link>
      </td>
      <td className={`${td} min-w-48`}>
        <p className="font-medium">{e.findingTitle}</p>
        <p className="text-xs text-slate-600">{checkName(e.policyKey)}</p>
      </td>
      <td className={`${td} max-w-md min-w-60 break-words`}>{e.justification}</td>
      <td className={td}>
        <p className="whitespace-nowrap">{e.grantedBy}</p>
        <p className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(e.createdAt)}</p>
      </td>
      <td className={td}>
        <p className="whitespace-nowrap">{formatDate(e.expiresAt)}</p>
        {status === "expired" && <Badge tone="amber">Expired</Badge>}
      </td>
      <td className={td}>
        <Badge tone={TONES[status] ?? "slate"}>{STATUS_LABELS[status] ?? e.status}</Badge>
        {e.revokedAt && <p className="mt-1 text-xs whitespace-nowrap text-slate-600">{formatDateTime(e.revokedAt)}</p>}
      </td>
      {canGrant && <td className={`${td} whitespace-nowrap`}>{status === "active" && <RevokeException id={e.id} subject={`${e.findingTitle} on ${e.segmentName}`} />}</td>}
    </tr>
  );
}
