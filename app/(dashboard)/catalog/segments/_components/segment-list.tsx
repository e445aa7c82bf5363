"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/domain/dates";
import { TableWrap, td, th } from "@/components/ui/layout";
import { SortableHead, type SortableColumn } from "@/components/ui/sortable-head";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import { FindingsBadge } from "@/components/policy/findings-badge";
import { SensitivityBadge, StatusBadge } from "./badges";
import { ListFilters } from "./list-filters";
import { Pagination } from "../../_inventory/pagination";
import { segmentList, toListInput, type ListState, type SortKey } from "./list-params";
import { BulkActions } from "./bulk-actions";
import type { SegmentListItem } from "./types";

export function SegmentList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = segmentList.read(searchParams);
  // Controls show the new choice at once, while the URL (the source of truth) catches up.
  const [state, setOptimisticState] = useOptimistic(urlState);
  const [, startTransition] = useTransition();
  // Bumped by "Clear filters" so the text boxes, which keep their own typing state, start empty.
  const [resetCount, setResetCount] = useState(0);
  // Rows picked for a bulk action, by id; only those on the page shown count.
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // Keep the previous rows on screen while the next page or filter loads, instead of a spinner.
  const list = useQuery({ ...trpc.segments.list.queryOptions(toListInput(state)), placeholderData: (prev) => prev });

  const apply = (next: ListState) => {
    const qs = segmentList.toQueryString(next);
    setPicked(new Set()); // another page or filter: a selection of rows no longer shown would act unseen
    startTransition(() => {
      setOptimisticState(next);
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    });
  };
  // Any change of filter or sort starts again from the first page.
  const change = (patch: Partial<ListState>) => apply({ ...state, ...patch, page: 1 });
  const clear = () => {
    setResetCount((c) => c + 1);
    apply(segmentList.empty);
  };
  const filtered = segmentList.hasFilters(state);
  const pageProps = { noun: "segments", busy: list.isFetching, onPage: (page: number) => apply({ ...state, page }) };

  return (
    <div className="space-y-4">
      <ListFilters key={resetCount} state={state} onChange={change} onClear={clear} canClear={filtered} />
      {list.isPending && <Spinner label="Loading segments" />}
      {list.error && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && list.data.total === 0 && (
        <EmptyState title={filtered ? "No segments match this search and these filters" : "No segments yet"}>
          {filtered ? (
            <Button variant="secondary" onClick={clear}>
              Clear search and filters
            </Button>
          ) : (
            "Segments that marketers and stewards document will be listed here."
          )}
        </EmptyState>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <Pagination {...pageProps} result={list.data} position="top" countTestId="segment-count" />
          <BulkActions selected={list.data.items.filter((s) => picked.has(s.id))} onDone={() => setPicked(new Set())} />
          <SegmentTable items={list.data.items} sort={state.sort} onSort={(sort) => change({ sort })} picked={picked} onPick={setPicked} />
          {list.data.total > list.data.pageSize && <Pagination {...pageProps} result={list.data} position="bottom" />}
        </>
      )}
    </div>
  );
}

const COLUMNS: SortableColumn<SortKey>[] = [
  { label: "Name", sort: { asc: "name-asc", desc: "name-desc" } },
  { label: "Status", sort: { asc: "status-asc", desc: "status-desc" } },
  { label: "Sensitivity", sort: { asc: "sensitivity-asc", desc: "sensitivity-desc", first: "desc" } },
  { label: "Goal" },
  { label: "Channels" },
  { label: "Owner" },
  { label: "Updated", sort: { asc: "updated-asc", desc: "updated-desc", first: "desc" } },
];

const checkbox = "size-4 rounded border-slate-400 text-brand-600";

function SegmentTable({
  items,
  sort,
  onSort,
  picked,
  onPick,
}: {
  items: SegmentListItem[];
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  picked: ReadonlySet<string>;
  onPick: (next: ReadonlySet<string>) => void;
}) {
  const all = items.length > 0 && items.every((s) => picked.has(s.id));
  const toggle = (id: string) => {
    const next = new Set(picked);
    if (!next.delete(id)) next.add(id);
    onPick(next);
  };
  return (
    <TableWrap label="Segments">
      <SortableHead
        columns={COLUMNS}
        sort={sort}
        onSort={onSort}
        leading={
          <th className={`${th} w-8`}>
            <input
              type="checkbox"
              className={checkbox}
              aria-label="Select every segment on this page"
              checked={all}
              onChange={() => onPick(all ? new Set() : new Set(items.map((s) => s.id)))}
            />
          </th>
        }
      />
      <tbody className="divide-y divide-slate-100">
        {items.map((s) => (
          <tr key={s.id} data-testid={`segment-row-${s.key}`} className={picked.has(s.id) ? "bg-brand-50" : undefined}>
            <td className={`${td} w-8`}>
              <input type="checkbox" className={checkbox} aria-label={`Select ${s.name}`} checked={picked.has(s.id)} onChange={() => toggle(s.id)} />
            </td>
            <td className={`${td} min-w-48`}>
              <Link href={`/catalog/segments/${s.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {s.name}
              </Link>
              <p className="text-xs break-all text-slate-600">{s.key}</p>
            </td>
            <td className={td}>
              <div className="flex flex-wrap gap-1">
                <StatusBadge value={s.status} />
                <FindingsBadge blocked={s.blocked} blockingCount={s.blockingCount} warningCount={s.warningCount} />
              </div>
            </td>
            <td className={td}>
              <SensitivityBadge value={s.sensitivity} />
            </td>
            <td className={td}>{LABELS.goal[s.businessGoal]}</td>
            <td className={`${td} min-w-32`}>{s.channels.length ? s.channels.map((c) => LABELS.channel[c]).join(", ") : <span className="text-slate-600">—</span>}</td>
            <td className={`${td} whitespace-nowrap`}>
              {s.ownerName}
              {s.team && <p className="text-xs text-slate-600">{s.team}</p>}
            </td>
            <td className={`${td} whitespace-nowrap`}>
              <time dateTime={new Date(s.updatedAt).toISOString()}>{formatDateTime(s.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}
