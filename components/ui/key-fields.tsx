"use client";

import { TextArea, TextField } from "./field";

type KeyField = "key" | "name" | "description";

/**
 * Key, name and description: how every catalog entry (source, signal, purpose, category) starts.
 * The key is chosen once, when adding; afterwards it is shown read-only.
 */
export function KeyNameFields({
  values,
  keyEditable,
  keyHint,
  errors,
  onChange,
}: {
  values: Record<KeyField, string>;
  keyEditable: boolean;
  /** Shown under the key while it can still be chosen. */
  keyHint: string;
  errors: Partial<Record<string, string>>;
  onChange: (field: KeyField, value: string) => void;
}) {
  return (
    <>
      <TextField
        label="Key"
        name="key"
        value={values.key}
        readOnly={!keyEditable}
        autoFocus={keyEditable}
        hint={keyEditable ? keyHint : "The key cannot be changed."}
        onChange={(e) => onChange("key", e.target.value)}
        error={errors.key}
      />
      <TextField label="Name" name="name" value={values.name} autoFocus={!keyEditable} onChange={(e) => onChange("name", e.target.value)} error={errors.name} />
      <div className="md:col-span-2">
        <TextArea label="Description" name="description" value={values.description} onChange={(e) => onChange("description", e.target.value)} error={errors.description} />
      </div>
    </>
  );
}
