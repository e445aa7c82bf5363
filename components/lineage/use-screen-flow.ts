"use client";

import { useSyncExternalStore } from "react";

/** Below Tailwind's `sm`: a phone held upright, where a left-to-right graph of many hops fits only as a thin strip. */
const NARROW = "(max-width: 639px)";

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Whether the screen is a phone's (false on the server, which has none). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
