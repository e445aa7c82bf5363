"use client";

import type { ReactNode } from "react";
import { th } from "./layout";

export interface SortableColumn<S extends string> {
  label: string;
  /** The list's sort keys for this column (none: not sortable), and which a first click picks (ascending unless said). */
  sort?: { asc: S; desc: S; first?: "asc" | "desc" };
  className?: string;
}

/**
 * A table header whose sortable columns are buttons: a click sorts by the column, the next click
 * reverses it. The column in force says so (aria-sort) for screen readers, and with an arrow.
 */
export function SortableHead<S extends string>({ columns, sort, onSort, leading }: { columns: SortableColumn<S>[]; sort: S; onSort: (sort: S) => void; leading?: ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>
        {leading}
        {columns.map((c) => {
          const direction = c.sort ? (sort === c.sort.asc ? "ascending" : sort === c.sort.desc ? "descending" : null) : null;
          return (
            <th key={c.label} className={c.className ? `${th} ${c.className}` : th} aria-sort={direction ?? (c.sort ? "none" : undefined)}>
              {c.sort ? (
                <button
                  type="button"
                  onClick={() => onSort(direction === "ascending" ? c.sort!.desc : direction === "descending" ? c.sort!.asc : c.sort![c.sort!.first ?? "asc"])}
                  className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                  title={`Sort by ${c.label.toLowerCase()}`}
                >
                  {c.label}
                  <span aria-hidden className={direction ? "text-slate-900" : "text-slate-400"}>
                    {direction === "descending" ? "▼" : direction === "ascending" ? "▲" : "↕"}
                  </span>
                </button>
              ) : (
                c.label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
