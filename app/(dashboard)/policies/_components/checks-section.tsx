"use client";

import { CHECK_DESCRIPTIONS, CHECK_NAMES } from "@/components/policy/check-text";
import { Badge, Card } from "@/components/ui/layout";
import { CHECK_KEYS, type CheckKey, type Severity } from "@/server/policy/types";
import type { SectionProps } from "./policy-form";

const select = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600";

/** Every check with when it fires; privacy officers switch it on or off and choose its severity. */
export function ChecksSection({ form, setForm, errors, readOnly }: SectionProps) {
  const set = (key: CheckKey, patch: Partial<{ enabled: boolean; severity: Severity }>) => setForm({ ...form, checks: { ...form.checks, [key]: { ...form.checks[key], ...patch } } });

  return (
    <Card title="Checks">
      <ul className="divide-y divide-slate-100" data-testid="policy-checks">
        {CHECK_KEYS.map((key) => {
          const check = form.checks[key];
          const name = CHECK_NAMES[key];
          return (
            <li key={key} className="grid gap-3 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center" data-testid={`check-${key}`}>
              <div className="min-w-0">
                <p className={`text-sm font-semibold ${check.enabled ? "text-slate-900" : "text-slate-600"}`}>{name}</p>
                <p className="mt-0.5 text-sm text-slate-700">
                  <span className="font-medium">Fires when</span> {CHECK_DESCRIPTIONS[key].charAt(0).toLowerCase() + CHECK_DESCRIPTIONS[key].slice(1)}
                </p>
              </div>
              {readOnly ? (
                <div className="flex flex-wrap gap-2">
                  {check.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
                  {check.enabled && <Badge tone={check.severity === "block" ? "red" : "amber"}>{check.severity === "block" ? "Blocks" : "Warns"}</Badge>}
                </div>
              ) : (
                <div className="flex flex-wrap items-end gap-4">
                  <label className="inline-flex items-center gap-2 pb-2 text-sm text-slate-800">
                    <input type="checkbox" checked={check.enabled} onChange={(e) => set(key, { enabled: e.target.checked })} className="size-4 rounded border-slate-400 accent-brand-700" />
                    On<span className="sr-only">: {name}</span>
                  </label>
                  <div className="w-36 space-y-1">
                    <label htmlFor={`severity-${key}`} className="block text-xs font-medium text-slate-700">
                      Severity<span className="sr-only"> of {name}</span>
                    </label>
                    <select id={`severity-${key}`} className={select} value={check.severity} onChange={(e) => set(key, { severity: e.target.value as Severity })}>
                      <option value="block">Blocks</option>
                      <option value="warn">Warns</option>
                    </select>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {errors.checks && (
        <p className="mt-2 text-sm text-red-700" data-testid="field-error">
          {errors.checks}
        </p>
      )}
    </Card>
  );
}
