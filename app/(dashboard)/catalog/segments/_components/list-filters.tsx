"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { RECERT_DUE_SOON_DAYS } from "@/domain/recertification";
import { BUSINESS_GOALS, CHANNELS, LABELS, SEGMENT_STATUSES, SENSITIVITIES } from "@/domain/vocab";
import { SORTS, type ListState, type SortKey } from "./list-params";
import { useDebounced } from "@/components/ui/use-debounced";

const statusOptions = SEGMENT_STATUSES.map((s) => ({ value: s, label: LABELS.status[s] }));

/** Typing is sent to the URL once the user pauses, so the server is not asked on every key. */
function useDebouncedText(initial: string, onSettled: (value: string) => void) {
  const [text, setText] = useState(initial);
  const settled = useDebounced(text, 350);
  const last = useRef(initial);
  const callback = useRef(onSettled);
  callback.current = onSettled;
  useEffect(() => {
    if (settled.trim() === last.current.trim()) return;
    last.current = settled;
    callback.current(settled);
  }, [settled]);
  return [text, setText] as const;
}

export function ListFilters({
  state,
  onChange,
  onClear,
  canClear,
}: {
  state: ListState;
  onChange: (patch: Partial<ListState>) => void;
  onClear: () => void;
  canClear: boolean;
}) {
  const trpc = useTRPC();
  const owners = useQuery(trpc.segments.owners.queryOptions());
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  const sources = useQuery(trpc.sources.list.queryOptions({ pageSize: 100, sort: "name" }));
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));
  const [team, setTeam] = useDebouncedText(state.team, (v) => onChange({ team: v }));

  return (
    <Card title="Search and filter">
      <form
        role="search"
        aria-label="Segments"
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q, team });
        }}
      >
        <div className="sm:col-span-2">
          <TextField
            label="Search"
            name="q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            hint="Name, key, description, purpose, tags or signal names; small typos are forgiven. Sorted by name, best matches come first."
          />
        </div>
        <SelectField label="Sort by" name="sort" value={state.sort} onChange={(e) => onChange({ sort: e.target.value as SortKey })}>
          {(Object.keys(SORTS) as SortKey[]).map((k) => (
            <option key={k} value={k}>
              {SORTS[k].label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Sensitivity" name="sensitivity" value={state.sensitivity} onChange={(e) => onChange({ sensitivity: e.target.value as ListState["sensitivity"] })}>
          <option value="">Any sensitivity</option>
          {SENSITIVITIES.map((s) => (
            <option key={s} value={s}>
              {LABELS.sensitivity[s]}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2 lg:col-span-4">
          <CheckboxGroup legend="Status" name="status" options={statusOptions} value={state.status} onChange={(status) => onChange({ status })} />
          <p className="mt-1 text-xs text-slate-600">None checked shows every status except retired.</p>
        </div>
        <SelectField label="Findings" name="findings" value={state.findings} onChange={(e) => onChange({ findings: e.target.value as ListState["findings"] })}>
          <option value="">Any</option>
          <option value="blocked">Blocked (a blocking finding without exception)</option>
          <option value="warnings">With warnings</option>
          <option value="consent_changed">Consent changed upstream</option>
        </SelectField>
        <SelectField
          label="Re-certification"
          name="recertification"
          value={state.recertification}
          onChange={(e) => onChange({ recertification: e.target.value as ListState["recertification"] })}
        >
          <option value="">Any</option>
          <option value="due">Due within {RECERT_DUE_SOON_DAYS} days or overdue</option>
        </SelectField>
        <SelectField label="Business goal" name="goal" value={state.goal} onChange={(e) => onChange({ goal: e.target.value as ListState["goal"] })}>
          <option value="">Any goal</option>
          {BUSINESS_GOALS.map((g) => (
            <option key={g} value={g}>
              {LABELS.goal[g]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Channel" name="channel" value={state.channel} onChange={(e) => onChange({ channel: e.target.value as ListState["channel"] })}>
          <option value="">Any channel</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {LABELS.channel[c]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Owner" name="owner" value={state.owner} onChange={(e) => onChange({ owner: e.target.value })} hint={owners.error ? "Owners could not be loaded." : undefined}>
          <option value="">Anyone</option>
          {/* Keep an owner from a shared link selectable before the list arrives. */}
          {state.owner && !owners.data?.some((o) => o.id === state.owner) && <option value={state.owner}>Selected owner</option>}
          {owners.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Team" name="team" value={team} onChange={(e) => setTeam(e.target.value)} hint="Exact team name" />
        <SelectField
          label="Consent purpose"
          name="purpose"
          value={state.purpose}
          onChange={(e) => onChange({ purpose: e.target.value })}
          hint={purposes.error ? "Purposes could not be loaded." : "Segments that declare this purpose"}
        >
          <option value="">Any purpose</option>
          {state.purpose && !purposes.data?.some((p) => p.id === state.purpose) && <option value={state.purpose}>Selected purpose</option>}
          {purposes.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Data source"
          name="source"
          value={state.source}
          onChange={(e) => onChange({ source: e.target.value })}
          hint={sources.error ? "Data sources could not be loaded." : "Segments fed by this source"}
        >
          <option value="">Any source</option>
          {state.source && !sources.data?.items.some((s) => s.id === state.source) && <option value={state.source}>Selected source</option>}
          {sources.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-2">
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
