"use client";

import { useEffect, useRef, useState } from "react";
import { inFlow, type Flow, type LayoutEdge, type LayoutNode, type LayoutResponse, type Positions } from "./layout-types";
import { whenIdle } from "@/components/ui/when-idle";
import { simpleLayout } from "./simple-layout";
import { SMALL_UP_TO, smallLayout } from "./small-layout";

export interface LayoutState {
  /**
   * running: ELK is working; positions hold the previous layout, or for a big graph the simple
   * one meanwhile. done: ELK's. fallback: the simple layout, for good.
   */
  status: "idle" | "running" | "done" | "fallback";
  positions: Positions | null;
  /** Nodes being laid out, for "Laying out 812 nodes…". */
  nodeCount: number;
  /** Why the simple layout is shown, in words for the user. */
  notice: string | null;
  /** How long the last layout took. */
  ms: number | null;
}

const IDLE: LayoutState = { status: "idle", positions: null, nodeCount: 0, notice: null, ms: null };

/**
 * From this size on, the simple layout is drawn at once while ELK works: ELK (compiled from Java)
 * needs ~3 s of CPU for 1,000 nodes on a small machine, too long to look at a spinner.
 */
export const PROVISIONAL_FROM = 200;
/** How long a big graph's provisional layout gets to reach the screen before ELK starts. */
const AFTER_FIRST_DRAW_MS = 300;

function startWorker(): Worker {
  // The literal `new Worker(new URL(…, import.meta.url))` form is what Turbopack (and webpack)
  // recognise to bundle the worker and its imports as a worker chunk.
  const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  // ELK's first layout also initialises it (~0.5 s): do that now, while the graph is still loading.
  w.postMessage({ id: 0, nodes: [{ id: "warm-up", width: 1, height: 1, depth: 0 }], edges: [], flow: "across" });
  return w;
}

/**
 * Lays the graph out with ELK in a Web Worker. Past `timeLimitMs` the worker is terminated (ELK
 * cannot be interrupted otherwise) and the simple layout (by hops from the root) stays. A new
 * graph while one is still being laid out also terminates the old run.
 */
export function useElkLayout(nodes: LayoutNode[] | null, edges: LayoutEdge[] | null, flow: Flow = "across", timeLimitMs = 8000): LayoutState {
  const [state, setState] = useState<LayoutState>(IDLE);
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);

  // Start (and warm) the worker once the page is idle: parsing ELK takes a core for half a second,
  // which hydration and the first drawing need more.
  useEffect(() => {
    const warm = () => {
      if (worker.current) return;
      try {
        worker.current = startWorker();
      } catch {
        /* no workers here: the layout effect below falls back */
      }
    };
    const cancel = whenIdle(warm, { timeout: 1500, fallback: 500 });
    return () => {
      cancel();
      worker.current?.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    if (!nodes || !edges) return;
    const id = ++seq.current;
    const started = performance.now();
    const simple = (notice: string | null) => {
      if (id === seq.current) setState({ status: "fallback", positions: inFlow(flow, simpleLayout, nodes, edges), nodeCount: nodes.length, notice, ms: performance.now() - started });
    };
    if (busy.current) {
      worker.current?.terminate();
      worker.current = null;
      busy.current = false;
    }
    // A handful of boxes (a big graph's grouped view) needs no ELK: laid out here at once, rather
    // than after the worker's second of start-up.
    if (nodes.length <= SMALL_UP_TO) {
      setState({ status: "done", positions: inFlow(flow, smallLayout, nodes, edges), nodeCount: nodes.length, notice: null, ms: performance.now() - started });
      return;
    }
    busy.current = true;
    const provisional = nodes.length >= PROVISIONAL_FROM ? inFlow(flow, simpleLayout, nodes, edges) : null;
    setState((s) => ({ status: "running", positions: provisional ?? s.positions, nodeCount: nodes.length, notice: null, ms: null }));

    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      if (!worker.current) {
        try {
          worker.current = startWorker();
        } catch {
          busy.current = false;
          simple("Automatic layout is not available in this browser; showing a simple layout.");
          return;
        }
      }
      const w = worker.current;
      timer = setTimeout(() => {
        w.terminate();
        if (worker.current === w) worker.current = null;
        busy.current = false;
        simple("Layout took too long; showing a simple layout.");
      }, timeLimitMs);
      w.onmessage = (e: MessageEvent<LayoutResponse>) => {
        if (e.data.id !== id || id !== seq.current) return; // the warm-up, or a run that was replaced
        clearTimeout(timer);
        busy.current = false;
        if ("error" in e.data) return simple("The automatic layout failed; showing a simple layout.");
        const flat = e.data.positions;
        const positions: Positions = new Map(nodes.map((n, i) => [n.id, { x: flat[i * 2]!, y: flat[i * 2 + 1]! }]));
        setState({ status: "done", positions, nodeCount: nodes.length, notice: null, ms: performance.now() - started });
      };
      w.onerror = () => {
        clearTimeout(timer);
        w.terminate();
        if (worker.current === w) worker.current = null;
        busy.current = false;
        simple("The automatic layout could not start; showing a simple layout.");
      };
      w.postMessage({ id, nodes, edges, flow });
    };
    // A big graph's provisional layout is drawn first; ELK's seconds of work start once it is on
    // screen, not while the browser is still drawing it (on two cores they compete).
    const deferred = provisional ? setTimeout(run, AFTER_FIRST_DRAW_MS) : (run(), undefined);
    return () => {
      clearTimeout(deferred);
      clearTimeout(timer);
    };
  }, [nodes, edges, flow, timeLimitMs]);

  return state;
}
