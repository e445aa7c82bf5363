"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatDateTime } from "@/domain/dates";

/** The header's bell: unread count, and a panel with the latest notifications. Escape or a click outside closes it. */
export function NotificationsBell({ className = "" }: { className?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // On a phone the panel spans the screen just below the bell, wherever the header wrapped it.
  const [top, setTop] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 30_000 });
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), enabled: open });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() }) }));
  const n = unread.data ?? 0;
  const placePanel = () => setTop((buttonRef.current?.getBoundingClientRect().bottom ?? 0) + 8);

  // Following a notification's link lands on a new page: close the panel (adjusted while rendering,
  // so the open panel never paints over the new page).
  const [panelPath, setPanelPath] = useState(pathname);
  if (panelPath !== pathname) {
    setPanelPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("resize", placePanel);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("resize", placePanel);
    };
  }, [open]);

  return (
    <div ref={rootRef} className={`relative ${className}`}>
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Notifications, ${n} unread`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => {
          placePanel();
          setOpen((o) => !o);
        }}
        className="relative rounded-md border border-slate-300 p-1.5 text-slate-700 hover:bg-slate-50"
        data-testid="notifications-bell"
      >
        <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="size-5">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {n > 0 && (
          <span
            aria-hidden
            className="absolute -top-1.5 -right-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-red-700 px-1 text-xs font-semibold text-white"
            data-testid="notifications-count"
          >
            {n > 99 ? "99+" : n}
          </span>
        )}
      </button>
      <div
        id={`${id}-panel`}
        role="region"
        aria-label="Notifications"
        hidden={!open}
        style={{ "--panel-top": `${top}px` } as CSSProperties}
        className="fixed inset-x-4 top-(--panel-top) z-40 rounded-lg border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
      >
        <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2">
          <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
          <button
            type="button"
            disabled={n === 0 || markRead.isPending}
            onClick={() => markRead.mutate({})}
            className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline disabled:text-slate-600 disabled:no-underline"
          >
            Mark all read
          </button>
        </div>
        <div className="max-h-[60vh] overflow-y-auto">
          {list.isPending && open && <p className="px-3 py-3 text-sm text-slate-700">Loading notifications…</p>}
          {list.error && <p className="px-3 py-3 text-sm text-red-700">Notifications could not be loaded. {list.error.message}</p>}
          {list.data && list.data.length === 0 && <p className="px-3 py-3 text-sm text-slate-700">Nothing yet. Assignments, decisions, comments and automatic pauses appear here.</p>}
          {list.data && list.data.length > 0 && (
            <ul className="divide-y divide-slate-100" data-testid="notifications-list">
              {list.data.map((item) => {
                const unseen = !item.readAt;
                const content = (
                  <>
                    <span className="flex items-start gap-2">
                      {unseen && (
                        <>
                          <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-600" />
                          <span className="sr-only">Unread: </span>
                        </>
                      )}
                      <span className={`break-words text-sm ${unseen ? "font-semibold text-slate-900" : "text-slate-800"}`}>{item.title}</span>
                    </span>
                    {item.body && <span className="mt-0.5 line-clamp-2 block text-sm break-words text-slate-700">{item.body}</span>}
                    <span className="mt-0.5 block text-xs text-slate-600">{formatDateTime(item.createdAt)}</span>
                  </>
                );
                return (
                  <li key={item.id}>
                    {item.link ? (
                      <Link
                        href={item.link}
                        className="block px-3 py-2 hover:bg-slate-50"
                        onClick={() => {
                          if (unseen) markRead.mutate({ ids: [item.id] });
                          setOpen(false);
                        }}
                      >
                        {content}
                      </Link>
                    ) : (
                      <div className="px-3 py-2">{content}</div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        {markRead.error && <p className="border-t border-slate-100 px-3 py-2 text-sm text-red-700">{markRead.error.message}</p>}
      </div>
    </div>
  );
}
