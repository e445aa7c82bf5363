"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { filterField } from "@/components/ui/list-state";
import { CheckboxGroup, TextField } from "@/components/ui/field";
import { RECERT_DUE_SOON_DAYS } from "@/domain/recertification";
import { BUSINESS_GOALS, CHANNELS, LABELS, SEGMENT_STATUSES, SENSITIVITIES } from "@/domain/vocab";
import { ChoiceSelect, EntrySelect, FilterCard, type FilterProps, PurposeFilter, SearchField, SortSelect, SourceFilter } from "../../_inventory/filters";
import { useDebouncedText } from "../../_inventory/url-list";
import { SORTS, type ListState } from "./list-params";

const statusOptions = SEGMENT_STATUSES.map((s) => ({ value: s, label: LABELS.status[s] }));

const FINDINGS = ["blocked", "warnings", "consent_changed"] as const;
const FINDING_LABELS = { blocked: "Blocked (a blocking finding without exception)", warnings: "With warnings", consent_changed: "Consent changed upstream" };

export function ListFilters({ state, onChange, onClear, canClear }: FilterProps<ListState>) {
  const field = filterField(state, onChange);
  const trpc = useTRPC();
  const owners = useQuery(trpc.segments.owners.queryOptions());
  const [q, setQ] = useDebouncedText(state.q, (v) => onChange({ q: v }));
  const [team, setTeam] = useDebouncedText(state.team, (v) => onChange({ team: v }));

  return (
    <FilterCard label="Segments" onSubmit={() => onChange({ q, team })} canClear={canClear} onClear={onClear} actionsClassName="sm:col-span-2 lg:col-span-2">
      <SearchField value={q} onChange={setQ} hint="Name, key, description, purpose, tags or signal names; small typos are forgiven. Sorted by name, best matches come first." />
      <SortSelect sorts={SORTS} value={state.sort} onChange={(sort) => onChange({ sort })} />
      <ChoiceSelect label="Sensitivity" any="Any sensitivity" options={SENSITIVITIES} labels={LABELS.sensitivity} {...field("sensitivity")} />
      <div className="sm:col-span-2 lg:col-span-4">
        <CheckboxGroup legend="Status" name="status" options={statusOptions} value={state.status} onChange={(status) => onChange({ status })} />
        <p className="mt-1 text-xs text-slate-600">None checked shows every status except retired.</p>
      </div>
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
    </FilterCard>
  );
}
