"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/layout";
import { diffSnapshots, displayValue, type Change } from "./diff";

const CHANGE_LABEL: Record<Change, { label: string; tone: "amber" | "green" | "red" | "slate" }> = {
  changed: { label: "Changed", tone: "amber" },
  added: { label: "Added", tone: "green" },
  removed: { label: "Removed", tone: "red" },
  unchanged: { label: "Same", tone: "slate" },
};

/** Before and after of one event, field by field; unchanged fields on request. */
export function FieldDiff({ before, after, caption }: { before: unknown; after: unknown; caption: string }) {
  const [showSame, setShowSame] = useState(false);
  const rows = diffSnapshots(before, after);
  const sameCount = rows.filter((r) => r.change === "unchanged").length;
  const shown = showSame ? rows : rows.filter((r) => r.change !== "unchanged");
  if (rows.length === 0) return <p className="text-sm text-slate-600">No snapshot was recorded for this event.</p>;
  return (
    <div className="space-y-2">
      {/* Focusable so keyboard users can scroll long values sideways. */}
      <div className="max-h-96 overflow-auto rounded border border-slate-200 bg-white" role="region" aria-label={caption} tabIndex={0}>
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              {["Field", "Change", "Before", "After"].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 text-xs font-semibold text-slate-600">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.path} data-change={r.change}>
                <th scope="row" className="px-2 py-1 align-top font-mono text-xs font-normal text-slate-800">
                  {r.path}
                </th>
                <td className="px-2 py-1 align-top">
                  <Badge tone={CHANGE_LABEL[r.change].tone}>{CHANGE_LABEL[r.change].label}</Badge>
                </td>
                <td className="max-w-xs px-2 py-1 align-top font-mono text-xs break-words text-slate-800">
                  {r.change === "added" ? (
                    <span className="text-slate-600">—</span>
                  ) : (
                    <del className={r.change === "changed" || r.change === "removed" ? "decoration-red-700" : "no-underline"}>{displayValue(r.before)}</del>
                  )}
                </td>
                <td className="max-w-xs px-2 py-1 align-top font-mono text-xs break-words text-slate-800">
                  {r.change === "removed" ? (
                    <span className="text-slate-600">—</span>
                  ) : (
                    <ins className={r.change === "unchanged" ? "no-underline" : "decoration-green-700"}>{displayValue(r.after)}</ins>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="px-2 py-2 text-sm text-slate-600">No field changed.</p>}
      </div>
      {sameCount > 0 && (
        <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => setShowSame(!showSame)} aria-expanded={showSame}>
          {showSame ? "Hide unchanged fields" : `Show ${sameCount} unchanged ${sameCount === 1 ? "field" : "fields"}`}
        </button>
      )}
    </div>
  );
}
