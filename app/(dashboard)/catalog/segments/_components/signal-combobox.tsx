"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { useDebounced } from "@/components/ui/use-debounced";
import { LABELS } from "@/domain/vocab";
import { useDefinition } from "./definition-context";
import type { KnownSignal } from "./form-state";
import { RuleLabel, ruleControl } from "./rule-controls";

/**
 * One searchable field for a condition's signal: the WAI-ARIA combobox pattern (an input with a
 * listbox popup, options reached with the arrow keys through aria-activedescendant, Enter picks,
 * Escape closes). It searches name, key, source and category on the server (`signals.pick`).
 * Written here rather than taken from a library: the app has no headless UI dependency, and the
 * header's search is built the same way.
 */
export function SignalCombobox({ context, value, onPick }: { context: string; value: string; onPick: (s: KnownSignal) => void }) {
  const trpc = useTRPC();
  const { signals, rememberSignal } = useDefinition();
  const id = useId();
  const current = signals.get(value);
  // null while not typing: the field then shows the chosen signal's name.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced((typed ?? "").trim(), 250);
  const list = useQuery({ ...trpc.signals.pick.queryOptions({ q }), enabled: open, placeholderData: (prev) => prev });
  const options = list.data ?? [];
  const expanded = open && options.length > 0;
  const waiting = (typed ?? "").trim() !== q || list.isFetching;

  const close = () => {
    setOpen(false);
    setTyped(null);
    setActive(-1);
  };
  const pick = (i: number) => {
    const s = options[i];
    if (!s) return;
    const known: KnownSignal = { id: s.id, name: s.name, valueType: s.valueType, allowedValues: s.allowedValues, sensitivity: s.sensitivity, sourceName: s.sourceName };
    rememberSignal(known);
    onPick(known);
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      // Not through a list that is about to be replaced by the answer for what was just typed.
      if (!options.length || waiting) return;
      setActive((a) => (e.key === "ArrowDown" ? (a + 1) % options.length : a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === "Enter") {
      // Picks instead of submitting the form.
      if (expanded && active >= 0 && !waiting) {
        e.preventDefault();
        pick(active);
      }
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="relative min-w-0 space-y-1" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && close()}>
      <RuleLabel htmlFor={`${id}-input`} text="Signal" context={context} />
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-help`}
        placeholder="Search name, key, source or category"
        value={typed ?? current?.name ?? ""}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className={ruleControl}
      />
      <p id={`${id}-help`} className="text-xs text-slate-600">
        {current
          ? `${LABELS.valueType[current.valueType]} · ${LABELS.sensitivity[current.sensitivity]}${current.sourceName ? ` · ${current.sourceName}` : ""}`
          : "Type to search; arrow keys and Enter to choose."}
      </p>
      <p role="status" className="sr-only">
        {open && !waiting && list.data ? (options.length ? `${options.length} signal${options.length === 1 ? "" : "s"} found` : "No signals match") : ""}
      </p>
      {/* Always in the DOM, so aria-controls points at something. mouseDown is cancelled to keep focus in the input. */}
      <div
        hidden={!open}
        onMouseDown={(e) => e.preventDefault()}
        className="absolute right-0 left-0 z-20 mt-1 max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {list.error && <p className="px-3 py-2 text-sm text-red-700">Signals could not be loaded: {list.error.message}</p>}
        {!list.error && options.length === 0 && <p className="px-3 py-2 text-sm text-slate-700">{waiting || list.isPending ? "Searching…" : `No signals match “${q}”.`}</p>}
        <ul role="listbox" id={`${id}-list`} aria-label={`Signals ${context}`} hidden={!expanded}>
          {options.map((s, i) => (
            <li
              key={s.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(i)}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-800" : "text-slate-900"}`}
            >
              <span className="block font-medium break-words">{s.name}</span>
              <span className="block text-xs break-words text-slate-600">
                {s.key} · {s.sourceName} · {s.categoryName}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
