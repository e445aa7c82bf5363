"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { FIDELITIES, LABELS, SIGNAL_KINDS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetiredBadge } from "../../_inventory/badges";
import { None } from "../../_inventory/detail";
import { textLink } from "../../_inventory/format";
import { Pagination } from "../../_inventory/pagination";
import { useDebouncedText, useUrlList } from "../../_inventory/url-list";
import { CategoryCell } from "./category-cell";
import { SORTS, SOURCE_PICKER_INPUT, signalList, toSignalListInput, type SignalListState, type SortKey } from "./list-params";

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

function SignalFilters({
  state,
  onChange,
  onClear,
  canClear,
}: {
  state: SignalListState;
  onChange: (patch: Partial<SignalListState>) => void;
  onClear: () => void;
  canClear: boolean;
}) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.list.queryOptions(SOURCE_PICKER_INPUT));
  const categories = useQuery(trpc.categories.list.queryOptions({ includeRetired: false }));
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));
  // A choice from a shared link stays selectable before (or without) the option list.
  const kept = (value: string, known: boolean | undefined, label: string) => value && !known && <option value={value}>{label}</option>;

  return (
    <Card title="Search and filter">
      <form
        role="search"
        aria-label="Signals"
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q });
        }}
      >
        <div className="sm:col-span-2">
          <TextField label="Search" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} hint="Name, key or description; small typos are forgiven. Sorted by name, best matches come first." />
        </div>
        <SelectField
          label="Data source"
          name="source"
          value={state.source}
          onChange={(e) => onChange({ source: e.target.value })}
          hint={sources.error ? "Data sources could not be loaded." : undefined}
        >
          <option value="">Any source</option>
          {kept(state.source, sources.data?.items.some((s) => s.id === state.source), "Selected source")}
          {sources.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Sort by" name="sort" value={state.sort} onChange={(e) => onChange({ sort: e.target.value as SortKey })}>
          {(Object.keys(SORTS) as SortKey[]).map((k) => (
            <option key={k} value={k}>
              {SORTS[k].label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" name="kind" value={state.kind} onChange={(e) => onChange({ kind: e.target.value as SignalListState["kind"] })}>
          <option value="">Any kind</option>
          {SIGNAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {LABELS.kind[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Fidelity" name="fidelity" value={state.fidelity} onChange={(e) => onChange({ fidelity: e.target.value as SignalListState["fidelity"] })}>
          <option value="">Any fidelity</option>
          {FIDELITIES.map((f) => (
            <option key={f} value={f}>
              {LABELS.fidelity[f]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Data category"
          name="category"
          value={state.category}
          onChange={(e) => onChange({ category: e.target.value })}
          hint={categories.error ? "Data categories could not be loaded." : undefined}
        >
          <option value="">Any category</option>
          {kept(state.category, categories.data?.some((c) => c.id === state.category), "Selected category")}
          {categories.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.key})
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Consent purpose"
          name="purpose"
          value={state.purpose}
          onChange={(e) => onChange({ purpose: e.target.value })}
          hint={purposes.error ? "Purposes could not be loaded." : "Signals collected under this purpose"}
        >
          <option value="">Any purpose</option>
          {kept(state.purpose, purposes.data?.some((p) => p.id === state.purpose), "Selected purpose")}
          {purposes.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend="View"
          name="view"
          options={[{ value: "retired", label: "Show retired" }]}
          value={state.retired ? ["retired"] : []}
          onChange={(v) => onChange({ retired: v.includes("retired") })}
        />
        <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-3">
          <Button type="submit">Search</Button>
          {canClear && (
            <Button variant="secondary" onClick={onClear}>
              Clear filters
            </Button>
          )}
        </div>
      </form>
    </Card>
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
              {s.consents.length ? (
                <ul className="space-y-0.5">
                  {s.consents.map((c) => (
                    <li key={c.purposeId}>
                      {c.purposeName} <span className="text-xs text-slate-600">({LABELS.lawfulBasis[c.lawfulBasis]})</span>
                    </li>
                  ))}
                </ul>
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
