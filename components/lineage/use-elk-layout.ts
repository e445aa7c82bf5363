"use client";

import { useEffect, useRef, useState } from "react";
import type { LayoutEdge, LayoutNode, LayoutResponse, Positions } from "./layout-types";
import { simpleLayout } from "./simple-layout";

export interface LayoutState {
  /** running: ELK is working (positions may still hold the previous layout); fallback: the simple layout. */
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

function startWorker(): Worker {
  // The literal `new Worker(new URL(…, import.meta.url))` form is what Turbopack and webpack
  // recognise to bundle the worker as its own chunk.
  return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
}

/**
 * Lays the graph out with ELK in a Web Worker. Past `timeLimitMs` the worker is terminated (ELK
 * cannot be interrupted otherwise) and a simple layered layout by hop count is shown instead.
 * A new graph while one is still being laid out also terminates the old run.
 */
export function useElkLayout(nodes: LayoutNode[] | null, edges: LayoutEdge[] | null, timeLimitMs = 8000): LayoutState {
  const [state, setState] = useState<LayoutState>(IDLE);
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!nodes || !edges) return;
    const id = ++seq.current;
    const started = performance.now();
    const fallback = (notice: string) => {
      if (id !== seq.current) return;
      setState({ status: "fallback", positions: simpleLayout(nodes), nodeCount: nodes.length, notice, ms: performance.now() - started });
    };
    // Nothing to arrange: skip the worker's start-up.
    if (edges.length === 0 && nodes.length <= 1) {
      setState({ status: "done", positions: simpleLayout(nodes), nodeCount: nodes.length, notice: null, ms: 0 });
      return;
    }
    if (busy.current) {
      worker.current?.terminate();
      worker.current = null;
    }
    if (!worker.current) {
      try {
        worker.current = startWorker();
      } catch {
        fallback("Automatic layout is not available in this browser; showing a simple layout.");
        return;
      }
    }
    const w = worker.current;
    busy.current = true;
    setState((s) => ({ ...s, status: "running", nodeCount: nodes.length, notice: null }));

    const timer = setTimeout(() => {
      w.terminate();
      if (worker.current === w) worker.current = null;
      busy.current = false;
      fallback("Layout took too long; showing a simple layout.");
    }, timeLimitMs);
    w.onmessage = (e: MessageEvent<LayoutResponse>) => {
      if (e.data.id !== id) return;
      clearTimeout(timer);
      busy.current = false;
      if ("error" in e.data) return fallback("The automatic layout failed; showing a simple layout.");
      const flat = e.data.positions;
      const positions: Positions = new Map(nodes.map((n, i) => [n.id, { x: flat[i * 2]!, y: flat[i * 2 + 1]! }]));
      setState({ status: "done", positions, nodeCount: nodes.length, notice: null, ms: performance.now() - started });
    };
    w.onerror = () => {
      clearTimeout(timer);
      w.terminate();
      if (worker.current === w) worker.current = null;
      busy.current = false;
      fallback("The automatic layout could not start; showing a simple layout.");
    };
    w.postMessage({ id, nodes, edges });
    return () => clearTimeout(timer);
  }, [nodes, edges, timeLimitMs]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  return state;
}
