"use client";

import { useSyncExternalStore } from "react";
import type { Flow, LayoutNode } from "./layout-types";

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

// The gaps of the layouts (layout.worker.ts): between layers, and between boxes in a layer.
const LAYER_GAP = 72;
const ROW_GAP = 20;

/**
 * Which way a graph reads best in a box of this size: the one whose fitted view is larger. From
 * the hops alone, before any layout: a layer per hop, as wide as its most populous hop. A deep
 * chain reads top to bottom on a phone; a wide fan-out (300 datasets off one job) stays left to
 * right, a tall column that the page scrolls, rather than a strip 300 boxes wide.
 */
export function chooseFlow(nodes: readonly LayoutNode[], box: { width: number; height: number }): Flow {
  if (nodes.length === 0) return "across";
  const perHop = new Map<number, number>();
  for (const n of nodes) perHop.set(n.depth, (perHop.get(n.depth) ?? 0) + 1);
  const layers = perHop.size;
  const widest = Math.max(...perHop.values());
  const { width: w, height: h } = nodes[0]!;
  const fit = (width: number, height: number) => Math.min(box.width / width, box.height / height);
  const across = fit(layers * (w + LAYER_GAP), widest * (h + ROW_GAP));
  const down = fit(widest * (w + ROW_GAP), layers * (h + LAYER_GAP));
  return down > across ? "down" : "across";
}
