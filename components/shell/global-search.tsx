"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState, type KeyboardEvent, type Ref } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { useDebounced } from "@/components/ui/use-debounced";
import { MIN_CHARS, groupsOf } from "./search-hits";

/**
 * The header's search: a combobox whose options are links, grouped by kind. Focus stays in the
 * input (options are reached with the arrow keys through aria-activedescendant); Enter without a
 * chosen option searches segments, which is what most people come looking for.
 */
export function GlobalSearch({ inputRef, onOpenPalette }: { inputRef?: Ref<HTMLInputElement>; onOpenPalette?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 250);
  const enabled = q.length >= MIN_CHARS;
  const search = useQuery({ ...trpc.search.global.queryOptions({ q: q || "-" }), enabled, placeholderData: (prev) => prev });
  const groups = groupsOf(enabled ? search.data : undefined);
  const hits = groups.flatMap((g) => g.hits);
  const typing = text.trim() !== q || (search.isFetching && search.isPlaceholderData);
  const showPanel = open && text.trim().length >= MIN_CHARS;
  const expanded = showPanel && hits.length > 0;

  // A new page closes the panel (a result was followed, or the user went elsewhere). Adjusted while
  // rendering rather than in an effect, so the open panel never paints over the new page.
  const [panelPath, setPanelPath] = useState(pathname);
  if (panelPath !== pathname) {
    setPanelPath(pathname);
    setOpen(false);
  }

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    router.push(href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      setActive(-1);
      if (open) setOpen(false);
      else setText("");
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!hits.length) return;
      e.preventDefault();
      setOpen(true);
      setActive((a) => (e.key === "ArrowDown" ? (a + 1) % hits.length : a <= 0 ? hits.length - 1 : a - 1));
    }
  };

  // Each option's place in the flat list the arrow keys walk.
  const firstIndex = groups.map((_, gi) => groups.slice(0, gi).reduce((sum, g) => sum + g.hits.length, 0));
  return (
    <form
      role="search"
      aria-label="Catalog"
      className="relative order-4 w-full md:order-none md:w-52 2xl:w-72"
      onSubmit={(e) => {
        e.preventDefault();
        const hit = expanded ? hits[active] : undefined;
        if (hit) go(hit.href);
        else if (text.trim()) go(`/catalog/segments?q=${encodeURIComponent(text.trim())}`);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        Search the catalog
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        aria-keyshortcuts="/"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-help`}
        placeholder="Search…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className="block w-full rounded-md border border-slate-300 bg-white py-1.5 pr-20 pl-3 text-sm text-slate-900 placeholder:text-slate-600 focus:border-brand-600"
      />
      {/* The command palette's opener sits in the box, taking no room of its own in a full header. */}
      {onOpenPalette && (
        <button
          type="button"
          onClick={onOpenPalette}
          aria-haspopup="dialog"
          aria-keyshortcuts="Control+K Meta+K"
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100"
        >
          <span className="sr-only">Jump to, </span>Ctrl K
        </button>
      )}
      <span id={`${id}-help`} className="sr-only">
        Type at least {MIN_CHARS} characters. Use the arrow keys to pick a result; Enter without one searches segments.
      </span>
      <p role="status" className="sr-only">
        {showPanel && !typing && search.data ? (hits.length ? `${hits.length} result${hits.length === 1 ? "" : "s"}` : "No matches") : ""}
      </p>
      {/* Always in the DOM, so the combobox's aria-controls points at something; hidden while closed.
          mouseDown is cancelled to keep focus in the input, so clicking a result does not close the panel first. */}
      <div
        hidden={!showPanel}
        className="absolute right-0 left-0 z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg md:left-auto md:w-[26rem]"
        onMouseDown={(e) => e.preventDefault()}
        data-testid="global-search-results"
      >
        {search.isError && <p className="px-3 py-2 text-sm text-red-700">Search failed. Try again in a moment.</p>}
        {!search.isError && hits.length === 0 && <p className="px-3 py-2 text-sm text-slate-700">{typing || search.isPending ? "Searching…" : `No matches for “${q}”.`}</p>}
        <div role="listbox" id={`${id}-list`} aria-label="Search results" hidden={!expanded}>
          {groups.map((g, gi) => (
            <div key={g.key} role="group" aria-labelledby={`${id}-${g.key}`}>
              <div id={`${id}-${g.key}`} role="presentation" className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                {g.label}
              </div>
              {g.hits.map((h, hi) => {
                const i = (firstIndex[gi] ?? 0) + hi;
                return (
                  <Link
                    key={`${g.key}-${h.id}`}
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    tabIndex={-1}
                    href={h.href}
                    onClick={() => setOpen(false)}
                    onMouseEnter={() => setActive(i)}
                    className={`flex items-baseline justify-between gap-3 px-3 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-800" : "text-slate-900"}`}
                  >
                    <span className="min-w-0 truncate font-medium">{h.name}</span>
                    <span className="shrink-0 truncate text-xs text-slate-600">{h.detail}</span>
                  </Link>
                );
              })}
            </div>
          ))}
        </div>
        <div className="border-t border-slate-100 px-3 pt-2 pb-1">
          <Link
            href={`/catalog/segments?q=${encodeURIComponent(text.trim())}`}
            tabIndex={-1}
            onClick={() => setOpen(false)}
            className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Search all segments for “{text.trim()}”
          </Link>
        </div>
      </div>
    </form>
  );
}
