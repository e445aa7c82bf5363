"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { ReadOnlyList } from "./read-only";
import { FieldError } from "@/components/ui/field";

interface Category {
  key: string;
  name: string;
  retiredAt: Date | string | null;
}

const select = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600";

/**
 * A list of data category keys: chosen ones as removable chips, the rest in one select.
 * Fifty-odd checkboxes twice over would bury the rest of the page.
 */
export function CategoryListPicker({
  label,
  hint,
  readOnly,
  categories,
  value,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  readOnly: boolean;
  categories: Category[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const byKey = new Map(categories.map((c) => [c.key, c]));
  const labelOf = (key: string) => {
    const c = byKey.get(key);
    return c ? `${c.name} (${key})${c.retiredAt ? ", retired" : ""}` : key;
  };
  if (readOnly) return <ReadOnlyList label={label} hint={hint} items={value.map(labelOf)} />;
  const addable = categories.filter((c) => !c.retiredAt && !value.includes(c.key));

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      {value.length === 0 ? (
        <p className="text-sm text-slate-700">None chosen.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {value.map((key) => (
            <li key={key} className="inline-flex max-w-full items-center gap-1 rounded-md border border-slate-300 bg-slate-50 py-0.5 pr-0.5 pl-2 text-sm text-slate-800">
              <span className="min-w-0 break-words">{labelOf(key)}</span>
              <Button
                variant="ghost"
                className="px-2 py-1"
                aria-label={`Remove ${byKey.get(key)?.name ?? key} from ${label.toLowerCase()}`}
                onClick={() => onChange(value.filter((k) => k !== key))}
              >
                <span aria-hidden>×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="max-w-md space-y-1">
        <label htmlFor={`${id}-add`} className="block text-sm text-slate-800">
          Add to {label.toLowerCase()}
        </label>
        <select
          id={`${id}-add`}
          className={select}
          value=""
          onChange={(e) => {
            if (e.target.value) onChange([...value, e.target.value]);
          }}
        >
          <option value="">Choose a data category…</option>
          {addable.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name} ({c.key})
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
