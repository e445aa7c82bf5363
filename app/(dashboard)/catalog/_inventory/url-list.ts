"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ListStateCodec } from "@/components/ui/list-state";

/**
 * List state lives in the query string so a view can be shared; this reads it and writes it back
 * with router.replace (no history entry per keystroke or filter).
 */
export function useUrlList<S extends { page: number }>(list: ListStateCodec<S>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const state = list.read(searchParams);
  const apply = (next: S) => {
    const qs = list.toQueryString(next);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  // Any change of filter or sort starts again from the first page.
  const change = (patch: Partial<S>) => apply({ ...state, ...patch, page: 1 });
  return { state, apply, change };
}

/** Typing is sent to the URL once the user pauses, so the server is not asked on every key. */
export function useDebouncedText(initial: string, onSettled: (value: string) => void, ms = 350) {
  const [text, setText] = useState(initial);
  const last = useRef(initial);
  const callback = useRef(onSettled);
  useEffect(() => {
    callback.current = onSettled;
  });
  useEffect(() => {
    if (text.trim() === last.current.trim()) return;
    const t = setTimeout(() => {
      last.current = text;
      callback.current(text);
    }, ms);
    return () => clearTimeout(t);
  }, [text, ms]);
  // The URL changed under us (back button, "Clear filters"): show what it says.
  useEffect(() => {
    if (initial.trim() !== last.current.trim()) {
      last.current = initial;
      setText(initial);
    }
  }, [initial]);
  return [text, setText] as const;
}
