"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { FormErrors } from "@/components/ui/errors";
import { NumberField, SelectField, TextArea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { KeyNameFields } from "@/components/ui/key-fields";
import { FIDELITIES, IDENTIFIABILITIES, LABELS, SIGNAL_KINDS, VALUE_TYPES, type Fidelity, type Identifiability, type LawfulBasis, type SignalKind, type ValueType } from "@/domain/vocab";
import { ConsentRows, consentRowsProblem, type ConsentRow } from "@/components/policy/consent-rows";
import { formatRetention } from "../../_inventory/format";
import { SOURCE_PICKER_INPUT } from "../../_inventory/filters";

export interface SignalValues {
  key: string;
  name: string;
  description: string;
  sourceId: string;
  categoryId: string;
  kind: SignalKind | "";
  fidelity: Fidelity | "";
  identifiability: Identifiability | "";
  valueType: ValueType | "";
  /** As typed: one per line or separated by commas. */
  allowedValues: string;
  retentionDays: string;
  consents: ConsentRow[];
}

export const emptySignal = (sourceId = ""): SignalValues => ({
  key: "",
  name: "",
  description: "",
  sourceId,
  categoryId: "",
  kind: "",
  fidelity: "",
  identifiability: "",
  valueType: "",
  allowedValues: "",
  retentionDays: "",
  consents: [],
});

const hasValueList = (t: SignalValues["valueType"]) => t === "category" || t === "list";

export const parseValues = (text: string) => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

/** What the create and update procedures take, minus the key and id. Empty choices are sent so the server names the field. */
export function signalPayload(v: SignalValues) {
  return {
    sourceId: v.sourceId,
    name: v.name,
    description: v.description,
    categoryId: v.categoryId,
    kind: v.kind as SignalKind,
    fidelity: v.fidelity as Fidelity,
    identifiability: v.identifiability as Identifiability,
    valueType: v.valueType as ValueType,
    allowedValues: hasValueList(v.valueType) ? parseValues(v.allowedValues) : [],
    retentionDays: v.retentionDays.trim() === "" ? Number.NaN : Number(v.retentionDays),
    consents: v.consents.map((c) => ({ purposeId: c.purposeId, lawfulBasis: c.lawfulBasis as LawfulBasis })),
  };
}

const FIDELITY_HINTS: Record<Fidelity, string> = {
  confirmed: "Stated or verified by the person.",
  observed: "Seen directly in their activity.",
  derived: "Calculated from other data by a fixed rule.",
  inferred: "Predicted by a model; may be wrong for any one person.",
};

/** Shared by "Add signal" and "Edit"; the key can only be chosen when adding. */
export function SignalForm({
  initial,
  keyEditable,
  current,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: SignalValues;
  keyEditable: boolean;
  /** The name of the signal's current source, in case it is retired and so missing from the picker. */
  current?: { sourceName: string };
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (values: SignalValues) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.list.queryOptions(SOURCE_PICKER_INPUT));
  const categories = useQuery(trpc.categories.list.queryOptions({ includeRetired: false }));
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: true }));
  const [form, setForm] = useState(initial);
  const [consentError, setConsentError] = useState<string | null>(null);
  const set = <K extends keyof SignalValues>(k: K, v: SignalValues[K]) => setForm((f) => ({ ...f, [k]: v }));
  const f = errors.fields;
  const source = sources.data?.items.find((s) => s.id === form.sourceId);
  const category = categories.data?.find((c) => c.id === form.categoryId);
  const pickerError = (q: { error: unknown }, what: string) => (q.error ? `${what} could not be loaded. Reload the page to try again.` : undefined);

  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = consentRowsProblem(form.consents);
        setConsentError(problem);
        if (!problem) onSubmit(form);
      }}
    >
      <KeyNameFields values={form} keyEditable={keyEditable} keyHint={"Lower-case letters, digits and underscores, e.g. orders_90d. It cannot be changed later."} errors={f} onChange={set} />
      <SelectField
        label="Data source"
        name="sourceId"
        value={form.sourceId}
        onChange={(e) => set("sourceId", e.target.value)}
        error={f.sourceId}
        hint={pickerError(sources, "Data sources") ?? (source ? `${source.owner} · keeps data for ${formatRetention(source.retentionDays)}` : undefined)}
      >
        <option value="">{sources.isPending ? "Loading data sources…" : "Choose a data source…"}</option>
        {form.sourceId && current && !source && <option value={form.sourceId}>{current.sourceName}</option>}
        {sources.data?.items.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Data category"
        name="categoryId"
        value={form.categoryId}
        onChange={(e) => set("categoryId", e.target.value)}
        error={f.categoryId}
        hint={
          pickerError(categories, "Data categories") ??
          (category ? `Default sensitivity: ${LABELS.sensitivity[category.defaultSensitivity]}${category.isSpecialCategory ? ". Special category data" : ""}.` : undefined)
        }
      >
        <option value="">{categories.isPending ? "Loading data categories…" : "Choose a data category…"}</option>
        {categories.data?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.key}){c.isSpecialCategory ? " — special category" : ""}
          </option>
        ))}
      </SelectField>
      <SelectField label="Kind" name="kind" value={form.kind} onChange={(e) => set("kind", e.target.value as SignalKind)} error={f.kind}>
        <option value="">Choose a kind…</option>
        {SIGNAL_KINDS.map((k) => (
          <option key={k} value={k}>
            {LABELS.kind[k]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Fidelity"
        name="fidelity"
        value={form.fidelity}
        onChange={(e) => set("fidelity", e.target.value as Fidelity)}
        error={f.fidelity}
        hint={form.fidelity ? FIDELITY_HINTS[form.fidelity] : "How sure we are that the value is true of the person."}
      >
        <option value="">Choose a fidelity…</option>
        {FIDELITIES.map((v) => (
          <option key={v} value={v}>
            {LABELS.fidelity[v]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Identifiability"
        name="identifiability"
        value={form.identifiability}
        onChange={(e) => set("identifiability", e.target.value as Identifiability)}
        error={f.identifiability}
      >
        <option value="">Choose how identifiable…</option>
        {IDENTIFIABILITIES.map((v) => (
          <option key={v} value={v}>
            {LABELS.identifiability[v]}
          </option>
        ))}
      </SelectField>
      <NumberField
        label="Retention (days)"
        name="retentionDays"
        value={form.retentionDays}
        hint="How long this signal is kept, e.g. 90."
        onChange={(e) => set("retentionDays", e.target.value)}
        error={f.retentionDays}
      />
      <SelectField label="Value type" name="valueType" value={form.valueType} onChange={(e) => set("valueType", e.target.value as ValueType)} error={f.valueType}>
        <option value="">Choose a value type…</option>
        {VALUE_TYPES.map((v) => (
          <option key={v} value={v}>
            {LABELS.valueType[v]}
          </option>
        ))}
      </SelectField>
      {hasValueList(form.valueType) ? (
        <TextArea
          label="Allowed values"
          name="allowedValues"
          value={form.allowedValues}
          hint="One per line, or separated by commas."
          onChange={(e) => set("allowedValues", e.target.value)}
          error={f.allowedValues}
        />
      ) : (
        <div className="hidden md:block" />
      )}
      <div className="md:col-span-2">
        <ConsentRows
          rows={form.consents}
          onChange={(consents) => {
            setConsentError(null);
            set("consents", consents);
          }}
          purposes={purposes.data ?? []}
          loading={purposes.isPending}
          error={consentError ?? f.consents ?? pickerError(purposes, "Consent purposes") ?? null}
          legend="Consent provenance"
          hint="The consent purposes this data was collected under, each with its lawful basis. Every check on the segments that use this signal relies on it."
          emptyText="No purposes yet. Without one, no segment can use this signal for any purpose."
        />
      </div>
      <FormActions
        className="gap-3 md:col-span-2"
        submitLabel={submitLabel}
        pending={pending}
        error={errors.form || (consentError ? "Please correct the highlighted fields." : null)}
        onCancel={onCancel}
      />
    </form>
  );
}
