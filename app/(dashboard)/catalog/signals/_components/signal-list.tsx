"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { filterField } from "@/components/ui/list-state";
import { Button } from "@/components/ui/button";
import { TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { FIDELITIES, LABELS, SIGNAL_KINDS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetiredBadge } from "../../_inventory/badges";
import { None } from "../../_inventory/detail";
import { textLink } from "../../_inventory/format";
import { ChoiceSelect, EntrySelect, FilterCard, type FilterProps, PurposeFilter, RetiredToggle, SearchField, SortSelect, SourceFilter } from "../../_inventory/filters";
import { Pagination } from "../../_inventory/pagination";
import { useDebouncedText, useUrlList } from "../../_inventory/url-list";
import { CategoryCell } from "./category-cell";
import { SORTS, signalList, toSignalListInput, type SignalListState } from "./list-params";

type SignalRow = inferRouterOutputs<AppRouter>["signals"]["list"]["items"][number];

export function SignalList() {
  const trpc = useTRPC();
  const { state, apply, change } = useUrlList(signalList);
  // Keep the previous rows on screen while the next page or filter loads, instead of a spinner.
  const list = useQuery({ ...trpc.signals.list.queryOptions(toSignalListInput(state)), placeholderData: (prev) => prev });
  const filtered = signalList.hasFilters(state);
  const clear = () => apply(signalList.empty);
  const pageProps = { noun: "signals", busy: list.isFetching, onPage: (page: number) => apply({ ...state, page }) };

  return (
    <div className="space-y-4">
      <SignalFilters state={state} onChange={change} onClear={clear} canClear={filtered} />
      {list.isPending && <Spinner label="Loading signals" />}
      {list.error && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && list.data.total === 0 && (
        <EmptyState title={filtered ? "No signals match this search and these filters" : "No signals yet"}>
          {filtered ? (
            <Button variant="secondary" onClick={clear}>
              Clear search and filters
            </Button>
          ) : (
            "Signals are the data elements of a source that segments use, each with the consent it was collected under."
          )}
        </EmptyState>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <Pagination {...pageProps} result={list.data} position="top" />
          <SignalTable items={list.data.items} />
          <Pagination {...pageProps} result={list.data} position="bottom" />
        </>
      )}
    </div>
  );
}

function SignalFilters({ state, onChange, onClear, canClear }: FilterProps<SignalListState>) {
  const field = filterField(state, onChange);
  const trpc = useTRPC();
  const categories = useQuery(trpc.categories.list.queryOptions({ includeRetired: false }));
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));

  return (
    <FilterCard label="Signals" onSubmit={() => onChange({ q })} canClear={canClear} onClear={onClear} actionsClassName="sm:col-span-2 lg:col-span-3">
      <SearchField value={q} onChange={setQ} hint="Name, key or description; small typos are forgiven. Sorted by name, best matches come first." />
      <SourceFilter value={state.source} onChange={(source) => onChange({ source })} />
      <SortSelect sorts={SORTS} value={state.sort} onChange={(sort) => onChange({ sort })} />
      <ChoiceSelect label="Kind" any="Any kind" options={SIGNAL_KINDS} labels={LABELS.kind} {...field("kind")} />
      <ChoiceSelect label="Fidelity" any="Any fidelity" options={FIDELITIES} labels={LABELS.fidelity} {...field("fidelity")} />
      <EntrySelect
        label="Data category"
        any="Any category"
        kept="Selected category"
        entries={categories.data?.map((c) => ({ id: c.id, label: `${c.name} (${c.key})` }))}
        failed={categories.error ? "Data categories could not be loaded." : null}
        {...field("category")}
      />
      <PurposeFilter value={state.purpose} hint="Signals collected under this purpose" onChange={(purpose) => onChange({ purpose })} />
      <RetiredToggle retired={state.retired} onChange={(retired) => onChange({ retired })} />
    </FilterCard>
  );
}

function SignalTable({ items }: { items: SignalRow[] }) {
  return (
    <TableWrap label="Signals">
      <TableHead columns={["Name", "Data source", "Data category", "Kind", "Fidelity", "Consent provenance"]} />
      <tbody className="divide-y divide-slate-100">
        {items.map((s) => (
          <tr key={s.id} data-testid={`signal-row-${s.key}`}>
            <td className={`${td} min-w-44`}>
              <Link href={`/catalog/signals/${s.id}`} className={textLink}>
                {s.name}
              </Link>
              <p className="text-xs break-all text-slate-600">{s.key}</p>
              {s.retiredAt && <RetiredBadge />}
            </td>
            <td className={`${td} min-w-32`}>
              <Link href={`/catalog/sources/${s.sourceId}`} className="text-slate-800 underline decoration-slate-400 underline-offset-2 hover:text-brand-700">
                {s.sourceName}
              </Link>
            </td>
            <td className={`${td} min-w-44`}>
              <CategoryCell name={s.categoryName} categoryKey={s.categoryKey} sensitivity={s.sensitivity} special={s.isSpecialCategory} />
            </td>
            <td className={td}>{LABELS.kind[s.kind]}</td>
            <td className={td}>{LABELS.fidelity[s.fidelity]}</td>
            <td className={`${td} min-w-52`}>
              {s.consents.length === 1 ? (
                <ConsentLine c={s.consents[0]!} />
              ) : s.consents.length > 1 ? (
                // A count, with the list on demand: printed in full, 25 rows took 4,320 px.
                <details>
                  <summary className="cursor-pointer text-brand-700">{s.consents.length} purposes</summary>
                  <ul className="mt-1 space-y-0.5">
                    {s.consents.map((c) => (
                      <li key={c.purposeId}>
                        <ConsentLine c={c} />
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                <None>None recorded</None>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}

function ConsentLine({ c }: { c: { purposeName: string; lawfulBasis: keyof typeof LABELS.lawfulBasis } }) {
  return (
    <>
      {c.purposeName} <span className="text-xs text-slate-600">({LABELS.lawfulBasis[c.lawfulBasis]})</span>
    </>
  );
}
