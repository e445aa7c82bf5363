"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import { RetiredBadge, SensitivityBadge } from "../../_inventory/badges";
import { linkButton, textLink } from "../../_inventory/format";
import { sourceSignalsInput } from "./list-params";

export function SourceSignals({ sourceId, retired }: { sourceId: string; retired: boolean }) {
  const trpc = useTRPC();
  const canAdd = useCan("signal:manage") && !retired;
  const signals = useQuery(trpc.signals.list.queryOptions(sourceSignalsInput(sourceId)));
  return (
    <Card title="Signals from this source">
      <div className="space-y-3">
        {canAdd && (
          <Link href={`/catalog/signals/new?source=${sourceId}`} className={linkButton}>
            Add signal
          </Link>
        )}
        {signals.isPending && <Spinner label="Loading signals" />}
        {signals.error && <ErrorState message={signals.error.message} onRetry={() => signals.refetch()} />}
        {signals.data && signals.data.total === 0 && <EmptyState title="No signals from this source yet" />}
        {signals.data && signals.data.total > 0 && (
          <>
            <TableWrap label="Signals from this source">
              <TableHead columns={["Name", "Data category", "Kind", "Fidelity", "Consent purposes"]} />
              <tbody className="divide-y divide-slate-100">
                {signals.data.items.map((g) => (
                  <tr key={g.id}>
                    <td className={`${td} min-w-40`}>
                      <Link href={`/catalog/signals/${g.id}`} className={textLink}>
                        {g.name}
                      </Link>
                      <p className="text-xs break-all text-slate-600">{g.key}</p>
                      {g.retiredAt && <RetiredBadge />}
                    </td>
                    <td className={`${td} min-w-36`}>
                      <span className="mr-2">{g.categoryName}</span>
                      <SensitivityBadge value={g.sensitivity} />
                    </td>
                    <td className={td}>{LABELS.kind[g.kind]}</td>
                    <td className={td}>{LABELS.fidelity[g.fidelity]}</td>
                    <td className={`${td} min-w-40`}>{g.consents.length ? g.consents.map((c) => c.purposeName).join(", ") : <span className="text-slate-600">None recorded</span>}</td>
                  </tr>
                ))}
              </tbody>
            </TableWrap>
            {signals.data.total > signals.data.items.length && (
              <p className="text-sm text-slate-700">
                Showing {signals.data.items.length} of {signals.data.total}.{" "}
                <Link href={`/catalog/signals?source=${sourceId}&retired=1`} className={textLink}>
                  See them all
                </Link>
              </p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
