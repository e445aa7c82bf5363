"use client";

import { useState } from "react";
import type { FormErrors } from "@/components/ui/errors";
import { CheckboxGroup, NumberField, SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { KeyNameFields } from "@/components/ui/key-fields";
import { CAPTURE_POINTS, JURISDICTIONS, LABELS, SYSTEM_TYPES, type CapturePoint, type SystemType } from "@/domain/vocab";
import { JURISDICTION_NAMES, type Jurisdiction } from "../../_inventory/format";

export interface SourceValues {
  key: string;
  name: string;
  description: string;
  systemType: SystemType | "";
  owner: string;
  jurisdictions: Jurisdiction[];
  /** As typed; turned into a number on submit so the server can say what is wrong with it. */
  retentionDays: string;
  encryptedInTransit: boolean;
  encryptedAtRest: boolean;
  pseudonymised: boolean;
  consentCapturePoints: CapturePoint[];
  consentCaptureNotes: string;
}

export const EMPTY_SOURCE: SourceValues = {
  key: "",
  name: "",
  description: "",
  systemType: "",
  owner: "",
  jurisdictions: [],
  retentionDays: "",
  encryptedInTransit: true,
  encryptedAtRest: true,
  pseudonymised: false,
  consentCapturePoints: [],
  consentCaptureNotes: "",
};

/** What the create and update procedures take, minus the key and id. */
export function sourcePayload(v: SourceValues) {
  const { key: _key, systemType, retentionDays, ...rest } = v;
  return {
    ...rest,
    // An empty choice is sent as-is so the server's message ("Choose a system type.") shows by the field.
    systemType: systemType as SystemType,
    retentionDays: retentionDays.trim() === "" ? Number.NaN : Number(retentionDays),
  };
}

const jurisdictionOptions = JURISDICTIONS.map((j) => ({ value: j, label: `${j} (${JURISDICTION_NAMES[j]})` }));
const captureOptions = CAPTURE_POINTS.map((c) => ({ value: c, label: LABELS.capturePoint[c] }));
type Protection = "encryptedInTransit" | "encryptedAtRest" | "pseudonymised";
const protectionOptions: Array<{ value: Protection; label: string }> = [
  { value: "encryptedInTransit", label: "Encrypted in transit" },
  { value: "encryptedAtRest", label: "Encrypted at rest" },
  { value: "pseudonymised", label: "Pseudonymised" },
];

/** Shared by "Add data source" and "Edit"; the key can only be chosen when adding. */
export function SourceForm({
  initial,
  keyEditable,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: SourceValues;
  keyEditable: boolean;
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (values: SourceValues) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const set = <K extends keyof SourceValues>(k: K, v: SourceValues[K]) => setForm((f) => ({ ...f, [k]: v }));
  const protections = protectionOptions.filter((o) => form[o.value]).map((o) => o.value);
  const f = errors.fields;
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(form);
      }}
    >
      <KeyNameFields values={form} keyEditable={keyEditable} keyHint={"Lower-case letters, digits and underscores, e.g. crm_main. It cannot be changed later."} errors={f} onChange={set} />
      <SelectField label="System type" name="systemType" value={form.systemType} onChange={(e) => set("systemType", e.target.value as SystemType)} error={f.systemType}>
        <option value="">Choose a system type…</option>
        {SYSTEM_TYPES.map((t) => (
          <option key={t} value={t}>
            {LABELS.systemType[t]}
          </option>
        ))}
      </SelectField>
      <TextField label="Owner" name="owner" value={form.owner} hint="The person or team answerable for this system." onChange={(e) => set("owner", e.target.value)} error={f.owner} />
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Jurisdictions"
          name="jurisdictions"
          options={jurisdictionOptions}
          value={form.jurisdictions}
          onChange={(v) => set("jurisdictions", v)}
          error={f.jurisdictions}
        />
      </div>
      <NumberField
        label="Retention (days)"
        name="retentionDays"
        value={form.retentionDays}
        hint="How long the source keeps personal data, e.g. 730 for two years."
        onChange={(e) => set("retentionDays", e.target.value)}
        error={f.retentionDays}
      />
      <CheckboxGroup
        legend="Protection"
        name="protection"
        options={protectionOptions}
        value={protections}
        onChange={(v) =>
          setForm((cur) => ({ ...cur, encryptedInTransit: v.includes("encryptedInTransit"), encryptedAtRest: v.includes("encryptedAtRest"), pseudonymised: v.includes("pseudonymised") }))
        }
        error={f.encryptedInTransit ?? f.encryptedAtRest ?? f.pseudonymised}
      />
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Consent capture points"
          name="consentCapturePoints"
          options={captureOptions}
          value={form.consentCapturePoints}
          onChange={(v) => set("consentCapturePoints", v)}
          error={f.consentCapturePoints}
        />
      </div>
      <div className="md:col-span-2">
        <TextArea
          label="How consent is captured"
          name="consentCaptureNotes"
          hint="Where and how people are asked, e.g. the wording and the default state of the checkbox."
          value={form.consentCaptureNotes}
          onChange={(e) => set("consentCaptureNotes", e.target.value)}
          error={f.consentCaptureNotes}
        />
      </div>
      <FormActions className="gap-3 md:col-span-2" submitLabel={submitLabel} pending={pending} error={errors.form} onCancel={onCancel} />
    </form>
  );
}
