"use client";

import { useState, type ReactNode } from "react";
import type { FormErrors } from "@/components/ui/errors";
import { TextArea, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";

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
      <TextField
        label="Key"
        name="key"
        value={form.key}
        readOnly={!keyEditable}
        autoFocus={keyEditable}
        hint={keyEditable ? keyHint : "The key cannot be changed."}
        onChange={(e) => setForm({ ...form, key: e.target.value })}
        error={errors.fields.key}
      />
      <TextField
        label="Name"
        name="name"
        value={form.name}
        autoFocus={!keyEditable}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        error={errors.fields.name}
      />
      <div className="md:col-span-2">
        <TextArea
          label="Description"
          name="description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
          error={errors.fields.description}
        />
      </div>
      {extraFields(form, setForm, errors)}
      <FormActions className="gap-3 md:col-span-2" submitLabel={submitLabel} pending={pending} error={errors.form} onCancel={onCancel} />
    </form>
  );
}
