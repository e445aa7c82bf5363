"use client";

import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { useDebounced } from "@/components/ui/use-debounced";
import { matchPages, pagesFor } from "./pages";
import { useViewer } from "./permissions";
import { MIN_CHARS, groupsOf } from "./search-hits";

/** Typing goes to this element, so a one-key shortcut must leave it alone. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset", "file", "range", "color"].includes(target.type);
}

/**
 * The keyboard shortcuts of the signed-in app: Ctrl/Cmd-K opens the palette (and closes it), "/"
 * puts the cursor in the header's search unless one is typing somewhere already.
 */
export function useShortcuts(setOpen: (update: (open: boolean) => boolean) => void, search: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((open) => !open);
      } else if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [setOpen, search]);
}

/**
 * "Jump to": a modal dialog holding a combobox (cmdk) over the pages this person may open and
 * the catalog's search results, fetched from the header search's own procedure. Arrow keys move,
 * Enter opens, Escape closes; the native <dialog> keeps focus inside and gives it back on close.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // Without an autofocus element the dialog itself takes focus; typing belongs in the input.
      d.querySelector("input")?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-1.5rem))] overflow-hidden rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50"
      data-testid="command-palette"
    >
      {/* Mounted only while open, so each opening starts from an empty query. */}
      {open && <Palette titleId={titleId} onDone={onClose} />}
    </dialog>
  );
}

function Palette({ titleId, onDone }: { titleId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { roles } = useViewer();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 200);
  const enabled = q.length >= MIN_CHARS;
  const search = useQuery({ ...trpc.search.global.queryOptions({ q: q || "-" }), enabled, placeholderData: (prev) => prev });
  const pages = matchPages(pagesFor(roles), text);
  const groups = groupsOf(enabled && text.trim().length >= MIN_CHARS ? search.data : undefined);
  const waiting = text.trim().length >= MIN_CHARS && (text.trim() !== q || search.isFetching);

  const go = (href: string) => {
    onDone();
    router.push(href);
  };

  return (
    <Command label="Jump to a page or search the catalog" shouldFilter={false} loop className="flex max-h-[min(32rem,80dvh)] flex-col">
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-3 pt-3 pb-1">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          Jump to
        </h2>
        <p className="text-xs text-slate-600">
          <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close
        </p>
      </div>
      <Command.Input
        value={text}
        onValueChange={setText}
        placeholder="A page, segment, signal, source or purpose…"
        className="w-full border-b border-slate-200 bg-white px-3 py-3 text-base text-slate-900 placeholder:text-slate-600 focus:outline-none"
      />
      <Command.List className="min-h-0 flex-1 overflow-y-auto py-1" label="Pages and catalog results">
        <Command.Empty className="px-3 py-2 text-sm text-slate-700">{waiting ? "Searching…" : `Nothing matches “${text.trim()}”.`}</Command.Empty>
        {pages.length > 0 && (
          <Command.Group heading="Pages" className={groupClass}>
            {pages.map((p) => (
              <Command.Item key={p.href} value={`page ${p.href}`} onSelect={() => go(p.href)} className={itemClass}>
                <span className="min-w-0 truncate font-medium">{p.label}</span>
                <span className="shrink-0 text-xs text-slate-600">{p.section}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {groups.map((g) => (
          <Command.Group key={g.key} heading={g.label} className={groupClass}>
            {g.hits.map((h) => (
              <Command.Item key={h.id} value={`${g.key} ${h.id}`} onSelect={() => go(h.href)} className={itemClass}>
                <span className="min-w-0 truncate font-medium">{h.name}</span>
                <span className="shrink-0 truncate text-xs text-slate-600">{h.detail}</span>
              </Command.Item>
            ))}
          </Command.Group>
        ))}
        {search.isError && <p className="px-3 py-2 text-sm text-red-700">Search failed. Try again in a moment.</p>}
      </Command.List>
      <p role="status" className="sr-only">
        {waiting ? "" : `${pages.length + groups.reduce((n, g) => n + g.hits.length, 0)} results`}
      </p>
    </Command>
  );
}

const groupClass =
  "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-600 [&_[cmdk-group-heading]]:uppercase";
const itemClass = "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800";
