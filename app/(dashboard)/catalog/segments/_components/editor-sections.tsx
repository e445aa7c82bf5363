"use client";

import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import type { FormErrors } from "@/components/ui/errors";
import { CheckboxGroup, NumberField, SelectField, TextArea, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { DateField } from "@/components/ui/date-field";
import { BUSINESS_GOALS, CHANNELS, LABELS, REFRESH_CADENCES, SENSITIVITIES, sensitivityRank, type Sensitivity } from "@/domain/vocab";
import { SensitivityBadge } from "./badges";
import type { SegmentForm } from "./form-state";

export interface SectionProps {
  form: SegmentForm;
  set: (patch: Partial<SegmentForm>) => void;
  errors: FormErrors;
}

const goalOptions = BUSINESS_GOALS.map((g) => ({ value: g, label: LABELS.goal[g] }));
const channelOptions = CHANNELS.map((c) => ({ value: c, label: LABELS.channel[c] }));

export function AboutSection({ form, set, errors, keyEditable }: SectionProps & { keyEditable: boolean }) {
  return (
    <Card title="About the segment">
      <div className="grid gap-4 md:grid-cols-2">
        {keyEditable ? (
          <TextField
            label="Key"
            name="key"
            value={form.key}
            onChange={(e) => set({ key: e.target.value })}
            hint="Lower-case letters, digits and underscores, e.g. lapsed_buyers_eu. It cannot be changed later."
            error={errors.fields.key}
          />
        ) : (
          <TextField label="Key" name="key" value={form.key} readOnly hint="The key cannot be changed." />
        )}
        <TextField label="Name" name="name" value={form.name} onChange={(e) => set({ name: e.target.value })} error={errors.fields.name} />
        <div className="md:col-span-2">
          <TextArea label="Description" name="description" value={form.description} onChange={(e) => set({ description: e.target.value })} error={errors.fields.description} />
        </div>
        <div className="md:col-span-2">
          <TextArea
            label="Purpose statement"
            name="purposeStatement"
            value={form.purposeStatement}
            hint="Why this segment exists and what it will be used for, in plain words."
            onChange={(e) => set({ purposeStatement: e.target.value })}
            error={errors.fields.purposeStatement}
          />
        </div>
        <SelectField
          label="Business goal"
          name="businessGoal"
          value={form.businessGoal}
          onChange={(e) => set({ businessGoal: e.target.value as SegmentForm["businessGoal"] })}
          error={errors.fields.businessGoal}
        >
          <option value="">Choose a goal</option>
          {goalOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
    </Card>
  );
}

/** Per purpose id, the inputs of the draft not collected for it (from `policy.draftFindings`). */
export type Uncollected = ReadonlyMap<string, ReadonlyArray<{ name: string; via: string[] }>>;

const inputName = (s: { name: string; via: string[] }) => (s.via.length ? `“${s.name}” (through ${s.via.map((v) => `“${v}”`).join(" → ")})` : `“${s.name}”`);

const SHOWN_NAMES = 3;

/** Marks a purpose some inputs were not collected for, naming them (the first few). */
function PurposeNote({ declared, signals }: { declared: boolean; signals: ReadonlyArray<{ name: string; via: string[] }> }) {
  const named = signals.slice(0, SHOWN_NAMES).map(inputName);
  const more = signals.length - named.length;
  return (
    <p className={`text-xs ${declared ? "font-medium text-red-800" : "text-amber-900"}`} data-testid="purpose-uncollected">
      <span aria-hidden="true">⚠ </span>
      Not collected for it: {named.join(", ")}
      {more > 0 ? ` and ${more} more` : ""}
      {declared ? ". Declared anyway, so the consent check reports it." : "."}
    </p>
  );
}

export function UseSection({ form, set, errors, uncollected }: SectionProps & { uncollected: Uncollected }) {
  const trpc = useTRPC();
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  // A purpose retired since it was declared stays visible, so it can be unticked.
  const known = new Set(purposes.data?.map((p) => p.id));
  const purposeOptions = [
    ...(purposes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    ...(purposes.data ? form.declaredPurposeIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: "A retired purpose" })) : []),
  ];
  return (
    <Card title="Purposes and channels">
      <div className="space-y-5">
        {purposes.isPending && <p className="text-sm text-slate-600">Loading consent purposes…</p>}
        {purposes.error && <p className="text-sm text-red-700">Consent purposes could not be loaded: {purposes.error.message}</p>}
        {purposes.data && (
          <CheckboxGroup
            legend="Declared purposes (what the segment uses data for)"
            name="declaredPurposeIds"
            options={purposeOptions}
            value={form.declaredPurposeIds}
            onChange={(declaredPurposeIds) => set({ declaredPurposeIds })}
            error={errors.fields.declaredPurposeIds}
            notes={Object.fromEntries([...uncollected].map(([id, signals]) => [id, <PurposeNote key={id} declared={form.declaredPurposeIds.includes(id)} signals={signals} />]))}
          />
        )}
        <CheckboxGroup legend="Channels" name="channels" options={channelOptions} value={form.channels} onChange={(channels) => set({ channels })} error={errors.fields.channels} />
        <FrequencyCaps form={form} set={set} errors={errors} />
      </div>
    </Card>
  );
}

function FrequencyCaps({ form, set, errors }: SectionProps) {
  const setCap = (ch: (typeof CHANNELS)[number], patch: Partial<{ count: string; perDays: string }>) =>
    set({ frequencyCaps: { ...form.frequencyCaps, [ch]: { count: "", perDays: "", ...form.frequencyCaps[ch], ...patch } } });
  return (
    <fieldset className="space-y-2" aria-describedby={errors.fields.frequencyCaps ? "frequency-caps-error" : "frequency-caps-hint"}>
      <legend className="text-sm font-medium text-slate-800">Frequency caps</legend>
      <p id="frequency-caps-hint" className="text-xs text-slate-600">
        At most how many messages per person, in how many days, for each chosen channel. Leave both empty for no cap.
      </p>
      {form.channels.length === 0 && <p className="text-sm text-slate-600">Choose a channel to set its cap.</p>}
      <ul className="space-y-2">
        {form.channels.map((ch) => (
          <li key={ch} className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[10rem_8rem_8rem]" data-testid={`cap-${ch}`}>
            <span className="col-span-2 text-sm font-medium text-slate-800 sm:col-span-1 sm:pb-2">{LABELS.channel[ch]}</span>
            <NumberField label={`${LABELS.channel[ch]}: messages`} value={form.frequencyCaps[ch]?.count ?? ""} onChange={(e) => setCap(ch, { count: e.target.value })} />
            <NumberField label={`${LABELS.channel[ch]}: per days`} value={form.frequencyCaps[ch]?.perDays ?? ""} onChange={(e) => setCap(ch, { perDays: e.target.value })} />
          </li>
        ))}
      </ul>
      {errors.fields.frequencyCaps && (
        <p id="frequency-caps-error" className="text-sm text-red-700" data-testid="field-error">
          {errors.fields.frequencyCaps}
        </p>
      )}
    </fieldset>
  );
}

export function OperationSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Refresh and reporting">
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          label="Refresh cadence"
          name="refreshCadence"
          value={form.refreshCadence}
          onChange={(e) => set({ refreshCadence: e.target.value as SegmentForm["refreshCadence"] })}
          error={errors.fields.refreshCadence}
        >
          <option value="">Not set</option>
          {REFRESH_CADENCES.map((c) => (
            <option key={c} value={c}>
              {LABELS.cadence[c]}
            </option>
          ))}
        </SelectField>
        <NumberField
          label="Lookback window (days)"
          name="lookbackDays"
          value={form.lookbackDays}
          hint="How far back the data the segment looks at reaches."
          onChange={(e) => set({ lookbackDays: e.target.value })}
          error={errors.fields.lookbackDays}
        />
        <NumberField
          label="Minimum reportable cohort"
          name="minCohortSize"
          value={form.minCohortSize}
          hint="Reports hide any group smaller than this."
          onChange={(e) => set({ minCohortSize: e.target.value })}
          error={errors.fields.minCohortSize}
        />
        <DateField label="Re-certify by" name="recertifyBy" value={form.recertifyBy} onChange={(recertifyBy) => set({ recertifyBy })} error={errors.fields.recertifyBy} />
      </div>
    </Card>
  );
}

export function RationaleSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Rationale">
      <div className="grid gap-4 md:grid-cols-3">
        <TextArea label="Assumptions" name="assumptions" value={form.assumptions} onChange={(e) => set({ assumptions: e.target.value })} />
        <TextArea label="Limitations" name="limitations" value={form.limitations} onChange={(e) => set({ limitations: e.target.value })} />
        <TextArea label="Expected outcomes" name="expectedOutcomes" value={form.expectedOutcomes} onChange={(e) => set({ expectedOutcomes: e.target.value })} />
      </div>
      {errors.fields.rationale && (
        <p className="mt-2 text-sm text-red-700" data-testid="field-error">
          {errors.fields.rationale}
        </p>
      )}
    </Card>
  );
}

export function OwnershipSection({ form, set, errors }: SectionProps) {
  const trpc = useTRPC();
  const canReassign = useCan("segment:edit_any");
  const owners = useQuery(trpc.segments.owners.queryOptions());
  const ownerKnown = owners.data?.some((o) => o.id === form.ownerId);
  return (
    <Card title="Ownership">
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="Owner"
          name="ownerId"
          value={form.ownerId}
          disabled={!canReassign}
          hint={canReassign ? "Who answers for this segment." : "Only a data steward can hand a segment to another owner."}
          onChange={(e) => set({ ownerId: e.target.value })}
          error={errors.fields.ownerId ?? (owners.error ? "Owners could not be loaded." : null)}
        >
          {!ownerKnown && <option value={form.ownerId}>{owners.isPending ? "Loading…" : "Current owner (no longer active)"}</option>}
          {owners.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.email})
            </option>
          ))}
        </SelectField>
        <TextField label="Team" name="team" value={form.team} onChange={(e) => set({ team: e.target.value })} error={errors.fields.team} />
        <TextField label="Tags" name="tags" value={form.tags} hint="Separate tags with commas, e.g. loyalty, eu" onChange={(e) => set({ tags: e.target.value })} error={errors.fields.tags} />
      </div>
    </Card>
  );
}

export function SensitivityField({ form, set, errors, derived }: SectionProps & { derived: Sensitivity }) {
  const tooLow = form.sensitivityOverride !== "" && sensitivityRank(form.sensitivityOverride) < sensitivityRank(derived);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-800">Derived sensitivity</p>
        <p className="flex items-center gap-2 text-sm text-slate-800" data-testid="derived-sensitivity">
          Derived: <SensitivityBadge value={derived} />
        </p>
        <p className="text-xs text-slate-600">The highest sensitivity of the signals and segments the rules use.</p>
      </div>
      <SelectField
        label="Raised sensitivity"
        name="sensitivityOverride"
        value={form.sensitivityOverride}
        onChange={(e) => set({ sensitivityOverride: e.target.value as SegmentForm["sensitivityOverride"] })}
        hint="You may raise the sensitivity above the derived value, never lower it."
        error={errors.fields.sensitivityOverride ?? (tooLow ? `Lower than the derived ${LABELS.sensitivity[derived].toLowerCase()}: choose a higher level or “Not raised”.` : null)}
      >
        <option value="">Not raised (use derived: {LABELS.sensitivity[derived]})</option>
        {SENSITIVITIES.map((s) => (
          <option key={s} value={s} disabled={sensitivityRank(s) < sensitivityRank(derived) && s !== form.sensitivityOverride}>
            {LABELS.sensitivity[s]}
            {sensitivityRank(s) < sensitivityRank(derived) ? " (below derived)" : ""}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
