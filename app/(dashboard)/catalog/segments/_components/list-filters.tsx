"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { filterField } from "@/components/ui/list-state";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { RECERT_DUE_SOON_DAYS } from "@/domain/recertification";
import { BUSINESS_GOALS, CHANNELS, LABELS, SEGMENT_STATUSES, SENSITIVITIES } from "@/domain/vocab";
import { ChoiceSelect, EntrySelect, type FilterProps, PurposeFilter, SearchField, SortSelect, SourceFilter, SOURCE_PICKER_INPUT } from "../../_inventory/filters";
import { useDebouncedText } from "../../_inventory/url-list";
import { SORTS, type ListState } from "./list-params";

const statusOptions = SEGMENT_STATUSES.map((s) => ({ value: s, label: LABELS.status[s] }));

const FINDINGS = ["blocked", "warnings", "consent_changed"] as const;
const FINDING_LABELS = { blocked: "Blocked (a blocking finding without exception)", warnings: "With warnings", consent_changed: "Consent changed upstream" };
const FINDING_CHIPS = { blocked: "Blocked", warnings: "With warnings", consent_changed: "Consent changed upstream" };

interface Chip {
  key: string;
  label: string;
  remove: Partial<ListState>;
}

/**
 * A toolbar, not a panel: search, sort and a "Filters" button on one line, the filters in force
 * as chips under it (each removable), and the filters themselves folded away until asked for.
 * Every change applies at once (the URL is the state, as before); text is applied as typing pauses.
 */
export function ListFilters({ state, onChange, onClear, canClear }: FilterProps<ListState>) {
  const field = filterField(state, onChange);
  const trpc = useTRPC();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const owners = useQuery(trpc.segments.owners.queryOptions());
  // The same queries the pickers make (shared by React Query): names for the chips of id filters.
  const purposes = useQuery({ ...trpc.purposes.list.queryOptions({ includeRetired: false }), enabled: !!state.purpose });
  const sources = useQuery({ ...trpc.sources.list.queryOptions(SOURCE_PICKER_INPUT), enabled: !!state.source });
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));
  const [team, setTeam] = useDebouncedText(state.team, (v) => onChange({ team: v }));

  const nameOf = (list: Array<{ id: string; name: string }> | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? "selected";
  const chips: Chip[] = [
    ...state.status.map((s) => ({ key: `status-${s}`, label: `Status: ${LABELS.status[s]}`, remove: { status: state.status.filter((x) => x !== s) } })),
    ...(state.sensitivity ? [{ key: "sensitivity", label: `Sensitivity: ${LABELS.sensitivity[state.sensitivity]}`, remove: { sensitivity: "" as const } }] : []),
    ...(state.findings ? [{ key: "findings", label: `Findings: ${FINDING_CHIPS[state.findings]}`, remove: { findings: "" as const } }] : []),
    ...(state.recertification ? [{ key: "recert", label: "Re-certification due", remove: { recertification: "" as const } }] : []),
    ...(state.goal ? [{ key: "goal", label: `Goal: ${LABELS.goal[state.goal]}`, remove: { goal: "" as const } }] : []),
    ...(state.channel ? [{ key: "channel", label: `Channel: ${LABELS.channel[state.channel]}`, remove: { channel: "" as const } }] : []),
    ...(state.owner ? [{ key: "owner", label: `Owner: ${nameOf(owners.data, state.owner)}`, remove: { owner: "" } }] : []),
    ...(state.team ? [{ key: "team", label: `Team: ${state.team}`, remove: { team: "" } }] : []),
    ...(state.purpose ? [{ key: "purpose", label: `Purpose: ${nameOf(purposes.data, state.purpose)}`, remove: { purpose: "" } }] : []),
    ...(state.source ? [{ key: "source", label: `Source: ${nameOf(sources.data?.items, state.source)}`, remove: { source: "" } }] : []),
  ];

  return (
    <section aria-label="Search and filter" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
      <form
        role="search"
        aria-label="Segments"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q, team });
        }}
      >
        <div className="min-w-0 flex-1 basis-72">
          <SearchField value={q} onChange={setQ} hint="Name, key, description, purpose, tags or signal names; small typos are forgiven." />
        </div>
        <div className="w-full sm:w-56">
          <SortSelect sorts={SORTS} value={state.sort} onChange={(sort) => onChange({ sort })} />
        </div>
        <div className="flex flex-wrap gap-2 sm:pb-5">
          <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            Filters{chips.length ? ` (${chips.length})` : ""}
            <span aria-hidden>{open ? "▴" : "▾"}</span>
          </Button>
          {canClear && (
            <Button variant="secondary" onClick={onClear}>
              Clear filters
            </Button>
          )}
        </div>
      </form>
      {chips.length > 0 && (
        <ul aria-label="Filters in force" className="flex flex-wrap gap-2">
          {chips.map((c) => (
            <li key={c.key} className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pr-1 pl-3 text-xs text-brand-800">
              {c.label}
              <button
                type="button"
                onClick={() => onChange(c.remove)}
                aria-label={`Remove filter ${c.label}`}
                className="rounded-full px-1.5 text-brand-700 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div id={panelId} hidden={!open} className="grid gap-4 border-t border-slate-100 pt-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2 lg:col-span-4">
          <CheckboxGroup legend="Status" name="status" options={statusOptions} value={state.status} onChange={(status) => onChange({ status })} />
          <p className="mt-1 text-xs text-slate-600">None checked shows every status except retired.</p>
        </div>
        <ChoiceSelect label="Sensitivity" any="Any sensitivity" options={SENSITIVITIES} labels={LABELS.sensitivity} {...field("sensitivity")} />
        <ChoiceSelect label="Findings" any="Any" options={FINDINGS} labels={FINDING_LABELS} {...field("findings")} />
        <ChoiceSelect label="Re-certification" any="Any" options={["due"] as const} labels={{ due: `Due within ${RECERT_DUE_SOON_DAYS} days or overdue` }} {...field("recertification")} />
        <ChoiceSelect label="Business goal" any="Any goal" options={BUSINESS_GOALS} labels={LABELS.goal} {...field("goal")} />
        <ChoiceSelect label="Channel" any="Any channel" options={CHANNELS} labels={LABELS.channel} {...field("channel")} />
        <EntrySelect
          label="Owner"
          any="Anyone"
          kept="Selected owner"
          entries={owners.data?.map((o) => ({ id: o.id, label: o.name }))}
          failed={owners.error ? "Owners could not be loaded." : null}
          {...field("owner")}
        />
        <TextField label="Team" name="team" value={team} onChange={(e) => setTeam(e.target.value)} hint="Exact team name" />
        <PurposeFilter value={state.purpose} hint="Segments that declare this purpose" onChange={(purpose) => onChange({ purpose })} />
        <SourceFilter value={state.source} hint="Segments fed by this source" onChange={(source) => onChange({ source })} />
      </div>
    </section>
  );
}
