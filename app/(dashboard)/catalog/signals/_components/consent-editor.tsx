"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { LABELS, type LawfulBasis } from "@/domain/vocab";

export interface ConsentRowValue {
  purposeId: string;
  lawfulBasis: LawfulBasis | "";
}

export interface PurposeOption {
  id: string;
  name: string;
  allowedLawfulBases: LawfulBasis[];
  retiredAt: Date | string | null;
}

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 disabled:bg-slate-100 disabled:text-slate-600";

/** Rows that cannot be sent yet; the server would only say "Invalid UUID". */
export function consentRowsError(rows: ConsentRowValue[]): string | null {
  if (rows.some((r) => !r.purposeId)) return "Choose a purpose in every row, or remove the row.";
  if (rows.some((r) => !r.lawfulBasis)) return "Choose a lawful basis in every row.";
  return null;
}

/** A basis that the new purpose still allows is kept; a single allowed basis is chosen for the user. */
function basisFor(purpose: PurposeOption | undefined, current: ConsentRowValue["lawfulBasis"]): ConsentRowValue["lawfulBasis"] {
  if (!purpose) return "";
  if (current && purpose.allowedLawfulBases.includes(current)) return current;
  return purpose.allowedLawfulBases.length === 1 ? purpose.allowedLawfulBases[0]! : "";
}

/** Consent provenance: the purposes a signal was collected under, each with its lawful basis. */
export function ConsentEditor({
  rows,
  onChange,
  purposes,
  loading,
  error,
}: {
  rows: ConsentRowValue[];
  onChange: (rows: ConsentRowValue[]) => void;
  purposes: PurposeOption[];
  loading: boolean;
  error?: string | null;
}) {
  const id = useId();
  // Where focus goes after a row is added (its purpose) or removed (the add button), so keyboard users are not dropped.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const byId = new Map(purposes.map((p) => [p.id, p]));
  const setRow = (i: number, row: ConsentRowValue) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const usable = purposes.filter((p) => !p.retiredAt);
  const full = rows.length >= usable.length && !loading;

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-800">Consent provenance</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        The consent purposes this data was collected under, each with its lawful basis. Every check on the segments that use this signal relies on it.
      </p>
      {rows.length === 0 && <p className="text-sm text-slate-700">No purposes yet. Without one, no segment can use this signal for any purpose.</p>}
      {rows.length > 0 && (
        <ol className="space-y-3">
          {rows.map((row, i) => {
            const purpose = byId.get(row.purposeId);
            const taken = new Set(rows.filter((_, j) => j !== i).map((r) => r.purposeId));
            const n = i + 1;
            return (
              <li key={i} className="grid items-end gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)_auto]" data-testid={`consent-row-${n}`}>
                <div className="space-y-1">
                  <label htmlFor={`${id}-p${i}`} className="block text-sm font-medium text-slate-800">
                    Purpose<span className="sr-only"> {n}</span>
                  </label>
                  <select
                    id={`${id}-p${i}`}
                    className={control}
                    value={row.purposeId}
                    aria-invalid={error && !row.purposeId ? true : undefined}
                    onChange={(e) => {
                      const next = byId.get(e.target.value);
                      setRow(i, { purposeId: e.target.value, lawfulBasis: basisFor(next, row.lawfulBasis) });
                    }}
                  >
                    <option value="">{loading ? "Loading purposes…" : "Choose a purpose…"}</option>
                    {purposes
                      .filter((p) => p.id === row.purposeId || (!p.retiredAt && !taken.has(p.id)))
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                          {p.retiredAt ? " (retired)" : ""}
                        </option>
                      ))}
                  </select>
                </div>
                <div className="space-y-1">
                  <label htmlFor={`${id}-b${i}`} className="block text-sm font-medium text-slate-800">
                    Lawful basis<span className="sr-only"> {n}</span>
                  </label>
                  <select
                    id={`${id}-b${i}`}
                    className={control}
                    value={row.lawfulBasis}
                    disabled={!purpose}
                    aria-invalid={error && row.purposeId && !row.lawfulBasis ? true : undefined}
                    onChange={(e) => setRow(i, { ...row, lawfulBasis: e.target.value as LawfulBasis })}
                  >
                    <option value="">{purpose ? "Choose a lawful basis…" : "Choose a purpose first"}</option>
                    {purpose?.allowedLawfulBases.map((b) => (
                      <option key={b} value={b}>
                        {LABELS.lawfulBasis[b]}
                      </option>
                    ))}
                  </select>
                </div>
                <Button
                  variant="secondary"
                  className="justify-self-start sm:justify-self-auto"
                  aria-label={`Remove purpose ${n}${purpose ? ` (${purpose.name})` : ""}`}
                  onClick={() => {
                    onChange(rows.filter((_, j) => j !== i));
                    setFocusTarget(`${id}-add`);
                  }}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          id={`${id}-add`}
          variant="secondary"
          disabled={full}
          onClick={() => {
            onChange([...rows, { purposeId: "", lawfulBasis: "" }]);
            setFocusTarget(`${id}-p${rows.length}`);
          }}
        >
          Add purpose
        </Button>
        {full && usable.length > 0 && <span className="text-xs text-slate-600">Every active purpose is listed.</span>}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
