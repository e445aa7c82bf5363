"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { useDebounced } from "@/components/ui/use-debounced";

const MIN_CHARS = 2;

/**
 * Search the catalog and choose where the graph starts. Results are plain buttons in a list
 * (not a pop-up combobox): each is one Tab stop and says what it does.
 */
type PickKind = "segment" | "signal" | "source" | "purpose";
const ALL_KINDS: PickKind[] = ["segment", "signal", "source", "purpose"];

export function NodePicker({
  onChoose,
  kinds = ALL_KINDS,
  label = "Start from a segment, signal, data source or consent purpose",
}: {
  onChoose: (node: string) => void;
  kinds?: PickKind[];
  label?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const enabled = q.length >= MIN_CHARS;
  const search = useQuery({ ...trpc.search.global.queryOptions({ q: q || "-" }), enabled, placeholderData: (prev) => prev });
  const r = enabled ? search.data : undefined;
  const groups = r
    ? [
        { kind: "segment", label: "Segments", hits: r.segments },
        { kind: "signal", label: "Signals", hits: r.signals },
        { kind: "source", label: "Data sources", hits: r.sources },
        { kind: "purpose", label: "Consent purposes", hits: r.purposes },
      ].filter((g) => g.hits.length > 0 && kinds.includes(g.kind as PickKind))
    : [];
  const count = groups.reduce((n, g) => n + g.hits.length, 0);

  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Type a name…"
        autoComplete="off"
        className="block w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-600"
      />
      <p role="status" className="text-sm text-slate-700">
        {!enabled ? "" : search.isError ? "Search failed. Try again in a moment." : search.isFetching && !r ? "Searching…" : r && count === 0 ? `No matches for “${q}”.` : ""}
      </p>
      {groups.length > 0 && (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {groups.map((g) => (
            <div key={g.kind}>
              <h2 id={`${id}-${g.kind}`} className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
                {g.label}
              </h2>
              <ul aria-labelledby={`${id}-${g.kind}`} className="mt-1 space-y-1">
                {g.hits.map((h) => (
                  <li key={h.id}>
                    <button
                      type="button"
                      className="w-full truncate rounded px-2 py-1 text-left text-sm font-medium text-brand-700 hover:bg-brand-50"
                      onClick={() => {
                        setText("");
                        onChoose(`${g.kind}:${h.id}`);
                      }}
                    >
                      {h.name}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
