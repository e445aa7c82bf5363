"use client";

import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import type { AppRouter } from "@/server/trpc/root";

/** What a list hands its filter card: the state from the URL, and how to change or clear it. */
export interface FilterProps<S> {
  state: S;
  onChange: (patch: Partial<S>) => void;
  onClear: () => void;
  canClear: boolean;
}

/** The "Search and filter" card above a catalog list: its fields, then Search and Clear filters. */
export function FilterCard({
  label,
  onSubmit,
  canClear,
  onClear,
  actionsClassName,
  children,
}: {
  /** Names the search landmark: "Signals". */
  label: string;
  onSubmit: () => void;
  canClear: boolean;
  onClear: () => void;
  /** Where the buttons sit in the grid, e.g. "sm:col-span-2". */
  actionsClassName: string;
  children: ReactNode;
}) {
  return (
    <Card title="Search and filter">
      <form
        role="search"
        aria-label={label}
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <div className={`flex flex-wrap items-end gap-3 ${actionsClassName}`}>
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

/** The free-text search, two columns wide. */
export function SearchField({ value, onChange, hint }: { value: string; onChange: (value: string) => void; hint: string }) {
  return (
    <div className="sm:col-span-2">
      <TextField label="Search" name="q" type="search" value={value} onChange={(e) => onChange(e.target.value)} hint={hint} />
    </div>
  );
}

/** A filter over one value of a fixed list, with "Any …" first. */
export function ChoiceSelect<T extends string>({
  label,
  name,
  value,
  any,
  options,
  labels,
  onChange,
}: {
  label: string;
  name: string;
  value: T | "";
  any: string;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T | "") => void;
}) {
  return (
    <SelectField label={label} name={name} value={value} onChange={(e) => onChange(e.target.value as T | "")}>
      <option value="">{any}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {labels[o]}
        </option>
      ))}
    </SelectField>
  );
}

/** The list's sort orders. */
export function SortSelect<K extends string>({ sorts, value, onChange }: { sorts: Record<K, { label: string }>; value: K; onChange: (value: K) => void }) {
  return (
    <SelectField label="Sort by" name="sort" value={value} onChange={(e) => onChange(e.target.value as K)}>
      {(Object.keys(sorts) as K[]).map((k) => (
        <option key={k} value={k}>
          {sorts[k].label}
        </option>
      ))}
    </SelectField>
  );
}

/** A filter over one catalog entry (a source, a purpose…) picked by id from a loaded list. */
export function EntrySelect({
  label,
  name,
  value,
  any,
  kept,
  entries,
  failed,
  hint,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  any: string;
  /** The option for an id from a shared link that is not (yet) in the list: "Selected source". */
  kept: string;
  /** Undefined while loading. */
  entries: { id: string; label: string }[] | undefined;
  /** Shown instead of the hint when the list could not be loaded. */
  failed: string | null;
  hint?: string;
  onChange: (value: string) => void;
}) {
  return (
    <SelectField label={label} name={name} value={value} onChange={(e) => onChange(e.target.value)} hint={failed ?? hint}>
      <option value="">{any}</option>
      {/* A choice from a shared link stays selectable before (or without) the list. */}
      {value && !entries?.some((e) => e.id === value) && <option value={value}>{kept}</option>}
      {entries?.map((e) => (
        <option key={e.id} value={e.id}>
          {e.label}
        </option>
      ))}
    </SelectField>
  );
}

/** Pickers (source, category, purpose) load these; the source list is capped by the API at 100. */
export const SOURCE_PICKER_INPUT = { pageSize: 100, sort: "name", dir: "asc", page: 1, includeRetired: false } as const satisfies inferRouterInputs<AppRouter>["sources"]["list"];

type PickerFilterProps = { value: string; hint?: string; onChange: (id: string) => void };

/** "Data source": any, or one of the sources that are not retired. */
export function SourceFilter({ value, hint, onChange }: PickerFilterProps) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.list.queryOptions(SOURCE_PICKER_INPUT));
  return (
    <EntrySelect
      label="Data source"
      name="source"
      value={value}
      any="Any source"
      kept="Selected source"
      entries={sources.data?.items.map((s) => ({ id: s.id, label: s.name }))}
      failed={sources.error ? "Data sources could not be loaded." : null}
      hint={hint}
      onChange={onChange}
    />
  );
}

/** "Consent purpose": any, or one of the purposes that are not retired. */
export function PurposeFilter({ value, hint, onChange }: PickerFilterProps) {
  const trpc = useTRPC();
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  return (
    <EntrySelect
      label="Consent purpose"
      name="purpose"
      value={value}
      any="Any purpose"
      kept="Selected purpose"
      entries={purposes.data?.map((p) => ({ id: p.id, label: p.name }))}
      failed={purposes.error ? "Purposes could not be loaded." : null}
      hint={hint}
      onChange={onChange}
    />
  );
}

/** "Show retired": retired entries are hidden unless asked for. */
export function RetiredToggle({ retired, onChange }: { retired: boolean; onChange: (retired: boolean) => void }) {
  return (
    <CheckboxGroup legend="View" name="view" options={[{ value: "retired", label: "Show retired" }]} value={retired ? ["retired"] : []} onChange={(v) => onChange(v.includes("retired"))} />
  );
}
