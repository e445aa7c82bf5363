"use client";

import { useState, type ReactNode } from "react";
import type { FormErrors } from "@/components/ui/errors";
import { FormActions } from "@/components/ui/form-actions";
import { KeyNameFields } from "@/components/ui/key-fields";

/** Every reference-data entry (purpose, category) has these; each kind adds its own fields. */
export interface ReferenceValues {
  key: string;
  name: string;
  description: string;
}

export type SetValues<V> = (values: V) => void;

/** The fields shared by the add and edit forms; the key can only be chosen when adding. */
export function ReferenceForm<V extends ReferenceValues>({
  initial,
  keyEditable,
  keyHint,
  extraFields,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: V;
  keyEditable: boolean;
  /** Shown under the key while it can still be chosen. */
  keyHint: string;
  /** The kind's own fields, after the description. */
  extraFields: (form: V, setForm: SetValues<V>, errors: FormErrors) => ReactNode;
  submitLabel: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (values: V) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  return (
    <form
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(form);
      }}
    >
      <KeyNameFields values={form} keyEditable={keyEditable} keyHint={keyHint} errors={errors.fields} onChange={(field, value) => setForm({ ...form, [field]: value })} />
      {extraFields(form, setForm, errors)}
      <FormActions className="gap-3 md:col-span-2" submitLabel={submitLabel} pending={pending} error={errors.form} onCancel={onCancel} />
    </form>
  );
}
