"use client";

import { useSyncExternalStore } from "react";
import type { Flow } from "./layout-types";

/** Below Tailwind's `sm`: a phone held upright, where a left-to-right graph fits only as a thin strip. */
const NARROW = "(max-width: 639px)";

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Top to bottom on a narrow screen, left to right otherwise (and on the server, which has no screen). */
export function useScreenFlow(): Flow {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(NARROW).matches ? "down" : "across"),
    () => "across",
  );
}
