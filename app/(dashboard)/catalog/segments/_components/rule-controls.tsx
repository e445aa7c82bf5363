"use client";

import { useId, useState, type ReactNode, type SelectHTMLAttributes } from "react";

// Compact controls for the rule rows. The label shows a short word; the hidden rest makes the
// name unique among the many repeated controls (e.g. "Operator for condition 2").

export const ruleControl =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-600 disabled:bg-slate-100 disabled:text-slate-600 aria-[invalid=true]:border-red-600";

export function RuleLabel({ htmlFor, text, context }: { htmlFor: string; text: string; context: string }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-700">
      {text}
      <span className="sr-only"> {context}</span>
    </label>
  );
}

export function RuleSelect({ text, context, children, ...props }: { text: string; context: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="min-w-0 space-y-1">
      <RuleLabel htmlFor={id} text={text} context={context} />
      <select id={id} {...props} className={ruleControl}>
        {children}
      </select>
    </div>
  );
}

/** Keeps what is typed (e.g. "-" or "1.") while reporting a number, or null, upwards. */
export function NumberBox({
  text,
  context,
  value,
  onChange,
  integer,
  min,
}: {
  text: string;
  context: string;
  value: number | null;
  onChange: (v: number | null) => void;
  integer?: boolean;
  min?: number;
}) {
  const id = useId();
  const [typed, setTyped] = useState(value == null ? "" : String(value));
  const parsed = typed.trim() === "" ? null : Number(typed);
  // Follow changes made elsewhere (e.g. a reset) without fighting the user's typing.
  const shown = parsed === value || (parsed !== null && Number.isNaN(parsed)) ? typed : value == null ? "" : String(value);
  return (
    <div className="min-w-0 space-y-1">
      <RuleLabel htmlFor={id} text={text} context={context} />
      <input
        id={id}
        type="number"
        inputMode={integer ? "numeric" : "decimal"}
        step={integer ? 1 : "any"}
        min={min}
        value={shown}
        onChange={(e) => {
          setTyped(e.target.value);
          const n = e.target.value.trim() === "" ? null : Number(e.target.value);
          onChange(n === null || Number.isNaN(n) ? null : n);
        }}
        className={ruleControl}
      />
    </div>
  );
}

/** Two numbers, the lower first; reported only when both are there. */
export function BetweenBox({ context, value, onChange }: { context: string; value: [number, number] | null; onChange: (v: [number, number] | null) => void }) {
  const [lo, setLo] = useState<number | null>(value?.[0] ?? null);
  const [hi, setHi] = useState<number | null>(value?.[1] ?? null);
  const report = (a: number | null, b: number | null) => onChange(a !== null && b !== null ? [a, b] : null);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <NumberBox
        text="From"
        context={context}
        value={lo}
        onChange={(v) => {
          setLo(v);
          report(v, hi);
        }}
      />
      <span className="pb-2 text-sm text-slate-700">and</span>
      <NumberBox
        text="To"
        context={context}
        value={hi}
        onChange={(v) => {
          setHi(v);
          report(lo, v);
        }}
      />
    </div>
  );
}

export function ValueChecks({ context, options, value, onChange }: { context: string; options: readonly string[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset className="min-w-0">
      <legend className="text-xs font-medium text-slate-700">
        Values<span className="sr-only"> {context}</span>
      </legend>
      {options.length === 0 ? (
        <p className="text-sm text-slate-600">This signal lists no values.</p>
      ) : (
        <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto pt-1">
          {options.map((o) => (
            <label key={o} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={value.includes(o)}
                onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))}
                className="size-4 rounded border-slate-400 accent-brand-700"
              />
              {o}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
