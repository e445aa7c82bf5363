"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { LABELS, type LawfulBasis } from "@/domain/vocab";
import { FieldError } from "@/components/ui/field";

export interface ConsentRow {
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
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 disabled:text-slate-700";

/** Rows the server could not take yet; it would only say "Invalid UUID". */
export function consentRowsProblem(rows: ConsentRow[]): string | null {
  if (rows.some((r) => !r.purposeId)) return "Choose a purpose in every row, or remove the row.";
  if (rows.some((r) => !r.lawfulBasis)) return "Choose a lawful basis in every row.";
  return null;
}

/** Keeps a basis the new purpose still allows; picks the only allowed one for the user. */
function basisFor(purpose: PurposeOption | undefined, current: ConsentRow["lawfulBasis"]): ConsentRow["lawfulBasis"] {
  if (!purpose) return "";
  if (current && purpose.allowedLawfulBases.includes(current)) return current;
  return purpose.allowedLawfulBases.length === 1 ? purpose.allowedLawfulBases[0]! : "";
}

/**
 * Purpose + lawful basis rows (a signal's consent provenance); each basis list is limited to what
 * its purpose allows. Used by the signal form and by the policy page's provenance editor.
 */
export function ConsentRows({
  rows,
  onChange,
  purposes,
  loading,
  loadError = null,
  error,
  legend = "Collected under",
  hint = "Each purpose with the lawful basis it rests on. Only the bases the purpose allows are offered.",
  emptyText = "No purposes: no segment could use this signal for any purpose.",
}: {
  rows: ConsentRow[];
  onChange: (rows: ConsentRow[]) => void;
  purposes: PurposeOption[];
  loading: boolean;
  loadError?: string | null;
  error: string | null;
  legend?: string;
  hint?: string;
  emptyText?: string;
}) {
  const id = useId();
  // After adding or removing a row, focus lands somewhere sensible instead of on <body>.
  // A ref, not state: the rows change in the parent, and the effect after that render moves focus.
  const focusTarget = useRef<string | null>(null);
  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  });
  const byId = new Map(purposes.map((p) => [p.id, p]));
  const usable = purposes.filter((p) => !p.retiredAt);
  const full = !loading && rows.length >= usable.length;
  const setRow = (i: number, row: ConsentRow) => onChange(rows.map((r, j) => (j === i ? row : r)));

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      {loadError && <p className="text-sm text-red-700">The consent purposes could not be loaded: {loadError}</p>}
      {rows.length === 0 && <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700">{emptyText}</p>}
      {rows.length > 0 && (
        <ol className="space-y-2">
          {rows.map((row, i) => {
            const n = i + 1;
            const purpose = byId.get(row.purposeId);
            const taken = new Set(rows.filter((_, j) => j !== i).map((r) => r.purposeId));
            return (
              <li key={i} className="grid items-end gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,13rem)_auto]" data-testid={`consent-row-${n}`}>
                <div className="min-w-0 space-y-1">
                  <label htmlFor={`${id}-p${i}`} className="block text-sm font-medium text-slate-800">
                    Purpose<span className="sr-only"> {n}</span>
                  </label>
                  <select
                    id={`${id}-p${i}`}
                    className={control}
                    value={row.purposeId}
                    aria-invalid={error && !row.purposeId ? true : undefined}
                    onChange={(e) => setRow(i, { purposeId: e.target.value, lawfulBasis: basisFor(byId.get(e.target.value), row.lawfulBasis) })}
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
                <div className="min-w-0 space-y-1">
                  <label htmlFor={`${id}-b${i}`} className="block text-sm font-medium text-slate-800">
                    Lawful basis<span className="sr-only"> for purpose {n}</span>
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
                    focusTarget.current = `${id}-add`;
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
            focusTarget.current = `${id}-p${rows.length}`;
          }}
        >
          Add purpose
        </Button>
        {full && usable.length > 0 && <span className="text-xs text-slate-600">Every active purpose is listed.</span>}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
