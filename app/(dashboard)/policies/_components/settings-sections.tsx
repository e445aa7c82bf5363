"use client";

import { CheckboxGroup, NumberField, SelectField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { CHANNELS, JURISDICTIONS, LABELS, type Channel } from "@/domain/vocab";
import { CategoryListPicker } from "./category-list-picker";
import type { SectionProps } from "./policy-form";
import { ReadOnlyList, ReadOnlyValue } from "./read-only";

const OPT_IN_CHANNELS = ["email", "sms", "push"] as const satisfies readonly Channel[];

export function ThresholdsSection({ form, setForm, errors, readOnly }: SectionProps) {
  if (readOnly) {
    return (
      <Card title="Thresholds">
        <dl className="grid gap-4 sm:grid-cols-2">
          <ReadOnlyValue label="Minimum reportable cohort" value={`${form.minCohortSize} people`} />
          <ReadOnlyValue label="Re-certification" value={`Every ${form.recertificationDays} days`} />
        </dl>
      </Card>
    );
  }
  return (
    <Card title="Thresholds">
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField
          label="Minimum reportable cohort"
          name="minCohortSize"
          value={form.minCohortSize}
          hint="People. A segment whose minimum reportable cohort is lower is flagged by “Cohort below minimum”."
          onChange={(e) => setForm({ ...form, minCohortSize: e.target.value })}
          error={errors.minCohortSize}
        />
        <NumberField
          label="Re-certification (days)"
          name="recertificationDays"
          min={7}
          max={1095}
          value={form.recertificationDays}
          hint="Active segments must be re-certified this often: 7 days to 3 years."
          onChange={(e) => setForm({ ...form, recertificationDays: e.target.value })}
          error={errors.recertificationDays}
        />
      </div>
    </Card>
  );
}

export function ChannelsSection({ form, setForm, errors, readOnly, options }: SectionProps) {
  const purposeName = (key: string) => options.purposes.find((p) => p.key === key)?.name ?? key;
  // Retired purposes stay listed only while the policy still names them.
  const purposeOptions = (selected: readonly string[]) =>
    options.purposes.filter((p) => !p.retiredAt || selected.includes(p.key)).map((p) => ({ value: p.key, label: p.retiredAt ? `${p.name} (retired)` : p.name }));
  const channelOptions = CHANNELS.map((c) => ({ value: c, label: LABELS.channel[c] }));

  return (
    <Card title="Channels and purposes">
      <div className="space-y-5">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Consent purpose each opt-in channel needs</h3>
          <p className="mt-0.5 text-xs text-slate-600">Used by “Channel needs opt-in”: every input of a segment on the channel must carry this purpose.</p>
          {readOnly ? (
            <dl className="mt-2 grid gap-4 sm:grid-cols-3">
              {OPT_IN_CHANNELS.map((c) => (
                <ReadOnlyValue key={c} label={LABELS.channel[c]} value={form.channelPurposes[c] ? purposeName(form.channelPurposes[c]) : "Not checked"} />
              ))}
            </dl>
          ) : (
            <div className="mt-2 grid gap-4 sm:grid-cols-3">
              {OPT_IN_CHANNELS.map((c) => {
                const value = form.channelPurposes[c] ?? "";
                return (
                  <SelectField
                    key={c}
                    label={`${LABELS.channel[c]} needs`}
                    name={`channelPurposes.${c}`}
                    value={value}
                    onChange={(e) => {
                      const next = { ...form.channelPurposes };
                      if (e.target.value) next[c] = e.target.value;
                      else delete next[c];
                      setForm({ ...form, channelPurposes: next });
                    }}
                  >
                    <option value="">No opt-in check</option>
                    {purposeOptions(value ? [value] : []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </SelectField>
                );
              })}
            </div>
          )}
          {errors.channelPurposes && (
            <p className="mt-1 text-sm text-red-700" data-testid="field-error">
              {errors.channelPurposes}
            </p>
          )}
        </div>
        <KeyCheckboxes
          legend="Marketing purposes"
          hint="Used by “Special category in marketing”."
          name="marketingPurposeKeys"
          readOnly={readOnly}
          options={purposeOptions(form.marketingPurposeKeys)}
          value={form.marketingPurposeKeys}
          onChange={(marketingPurposeKeys) => setForm({ ...form, marketingPurposeKeys })}
          error={errors.marketingPurposeKeys}
        />
        <KeyCheckboxes
          legend="Profiling purposes"
          hint="Used by “Legitimate interest for profiling in the EU”."
          name="profilingPurposeKeys"
          readOnly={readOnly}
          options={purposeOptions(form.profilingPurposeKeys)}
          value={form.profilingPurposeKeys}
          onChange={(profilingPurposeKeys) => setForm({ ...form, profilingPurposeKeys })}
          error={errors.profilingPurposeKeys}
        />
        <KeyCheckboxes
          legend="One-to-one channels"
          hint="Channels that reach one person at a time. Used by “Low-fidelity precision”."
          name="oneToOneChannels"
          readOnly={readOnly}
          options={channelOptions}
          value={form.oneToOneChannels}
          onChange={(oneToOneChannels) => setForm({ ...form, oneToOneChannels })}
          error={errors.oneToOneChannels}
        />
      </div>
    </Card>
  );
}

export function CategoriesSection({ form, setForm, errors, readOnly, options }: SectionProps) {
  return (
    <Card title="Data categories">
      <div className="space-y-5">
        <CategoryListPicker
          label="Special categories"
          hint="Used by “Special category in marketing”. A category covers everything under it."
          readOnly={readOnly}
          categories={options.categories}
          value={form.specialCategoryKeys}
          onChange={(specialCategoryKeys) => setForm({ ...form, specialCategoryKeys })}
          error={errors.specialCategoryKeys}
        />
        <CategoryListPicker
          label="Children’s data"
          hint="Used by “Children’s data”. A category covers everything under it."
          readOnly={readOnly}
          categories={options.categories}
          value={form.childrenCategoryKeys}
          onChange={(childrenCategoryKeys) => setForm({ ...form, childrenCategoryKeys })}
          error={errors.childrenCategoryKeys}
        />
      </div>
    </Card>
  );
}

export function JurisdictionsSection({ form, setForm, errors, readOnly }: SectionProps) {
  // Keeps codes saved earlier that the list no longer offers.
  const codes = [...new Set<string>([...JURISDICTIONS, ...form.euJurisdictions])];
  return (
    <Card title="Jurisdictions">
      <KeyCheckboxes
        legend="EU jurisdictions"
        hint="Inputs from these jurisdictions need care when profiling under legitimate interest."
        name="euJurisdictions"
        readOnly={readOnly}
        options={codes.map((c) => ({ value: c, label: c }))}
        value={form.euJurisdictions}
        onChange={(euJurisdictions) => setForm({ ...form, euJurisdictions })}
        error={errors.euJurisdictions}
      />
    </Card>
  );
}

function KeyCheckboxes<T extends string>({
  legend,
  hint,
  name,
  readOnly,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint: string;
  name: string;
  readOnly: boolean;
  options: Array<{ value: T; label: string }>;
  value: T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  if (readOnly) return <ReadOnlyList label={legend} hint={hint} items={options.filter((o) => value.includes(o.value)).map((o) => o.label)} />;
  return (
    <div className="space-y-1">
      <CheckboxGroup legend={legend} name={name} options={options} value={value} onChange={onChange} error={error} />
      <p className="text-xs text-slate-600">{hint}</p>
    </div>
  );
}
