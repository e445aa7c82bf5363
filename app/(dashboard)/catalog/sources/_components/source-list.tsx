"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { filterField } from "@/components/ui/list-state";
import { Button } from "@/components/ui/button";
import { Badge, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import type { AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";
import { JURISDICTIONS, LABELS, SYSTEM_TYPES } from "@/domain/vocab";
import { RetiredBadge } from "../../_inventory/badges";
import { None } from "../../_inventory/detail";
import { JURISDICTION_NAMES, formatRetention, textLink, type Jurisdiction } from "../../_inventory/format";
import { ChoiceSelect, FilterCard, type FilterProps, RetiredToggle, SearchField, SortSelect } from "../../_inventory/filters";
import { Pagination } from "../../_inventory/pagination";
import { useDebouncedText, useUrlList } from "../../_inventory/url-list";
import { SORTS, sourceList, toSourceListInput, type SourceListState } from "./list-params";

/** "EU — European Union": the code people know from contracts, and its name. */
const JURISDICTION_OPTIONS = Object.fromEntries(JURISDICTIONS.map((j) => [j, `${j} — ${JURISDICTION_NAMES[j]}`])) as Record<Jurisdiction, string>;

type SourceRow = inferRouterOutputs<AppRouter>["sources"]["list"]["items"][number];

export function SourceList() {
  const trpc = useTRPC();
  const { state, apply, change } = useUrlList(sourceList);
  // Keep the previous rows on screen while the next page or filter loads, instead of a spinner.
  const list = useQuery({ ...trpc.sources.list.queryOptions(toSourceListInput(state)), placeholderData: (prev) => prev });
  const filtered = sourceList.hasFilters(state);
  const clear = () => apply(sourceList.empty);
  const pageProps = { noun: "data sources", busy: list.isFetching, onPage: (page: number) => apply({ ...state, page }) };

  return (
    <div className="space-y-4">
      <SourceFilters state={state} onChange={change} onClear={clear} canClear={filtered} />
      {list.isPending && <Spinner label="Loading data sources" />}
      {list.error && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && list.data.total === 0 && (
        <EmptyState title={filtered ? "No data sources match this search and these filters" : "No data sources yet"}>
          {filtered ? (
            <Button variant="secondary" onClick={clear}>
              Clear search and filters
            </Button>
          ) : (
            "Data stewards document the systems data comes from here, before signals can use them."
          )}
        </EmptyState>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <Pagination {...pageProps} result={list.data} position="top" />
          <SourceTable items={list.data.items} />
          <Pagination {...pageProps} result={list.data} position="bottom" />
        </>
      )}
    </div>
  );
}

function SourceFilters({ state, onChange, onClear, canClear }: FilterProps<SourceListState>) {
  const field = filterField(state, onChange);
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));
  return (
    <FilterCard label="Data sources" onSubmit={() => onChange({ q })} canClear={canClear} onClear={onClear} actionsClassName="sm:col-span-2">
      <SearchField value={q} onChange={setQ} hint="Name, key, description or owner. Sorted by name, best matches come first." />
      <ChoiceSelect label="System type" any="Any type" options={SYSTEM_TYPES} labels={LABELS.systemType} {...field("type")} />
      <ChoiceSelect label="Jurisdiction" any="Any jurisdiction" options={JURISDICTIONS} labels={JURISDICTION_OPTIONS} {...field("jurisdiction")} />
      <SortSelect sorts={SORTS} value={state.sort} onChange={(sort) => onChange({ sort })} />
      <RetiredToggle retired={state.retired} onChange={(retired) => onChange({ retired })} />
    </FilterCard>
  );
}

function SourceTable({ items }: { items: SourceRow[] }) {
  return (
    <TableWrap label="Data sources">
      <TableHead columns={["Name", "System type", "Owner", "Jurisdictions", "Retention", "Consent captured at", { label: "Signals", className: "text-right" }]} />
      <tbody className="divide-y divide-slate-100">
        {items.map((s) => (
          <tr key={s.id} data-testid={`source-row-${s.key}`}>
            <td className={`${td} min-w-48`}>
              <Link href={`/catalog/sources/${s.id}`} className={textLink}>
                {s.name}
              </Link>
              <p className="text-xs break-all text-slate-600">{s.key}</p>
              {s.retiredAt && <RetiredBadge />}
            </td>
            <td className={`${td} min-w-32`}>{LABELS.systemType[s.systemType]}</td>
            <td className={`${td} min-w-32`}>{s.owner}</td>
            <td className={td}>
              <div className="flex min-w-24 flex-wrap gap-1">
                {s.jurisdictions.map((j) => (
                  <Badge key={j}>
                    <abbr title={JURISDICTION_NAMES[j as keyof typeof JURISDICTION_NAMES] ?? j} className="no-underline">
                      {j}
                    </abbr>
                  </Badge>
                ))}
              </div>
            </td>
            <td className={`${td} whitespace-nowrap`}>{formatRetention(s.retentionDays)}</td>
            <td className={`${td} min-w-36`}>{s.consentCapturePoints.length ? s.consentCapturePoints.map((c) => LABELS.capturePoint[c]).join(", ") : <None>Not recorded</None>}</td>
            <td className={`${td} text-right tabular-nums`}>{s.signalCount}</td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}
