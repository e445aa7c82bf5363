"use client";

import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { useEffect, useRef, type PointerEvent } from "react";
import { drawScene, type Look, type Scene, type View } from "./overview";

/**
 * Repaints whenever React Flow's viewport or size changes, at most once a frame, without
 * re-rendering React: panning a big graph costs one canvas paint per frame.
 */
function useViewportPaint(paint: (s: ReactFlowState) => void) {
  const store = useStoreApi();
  const paintRef = useRef(paint);
  useEffect(() => {
    paintRef.current = paint;
    paint(store.getState());
  });
  useEffect(() => {
    let frame = 0;
    let last: unknown[] = [];
    const unsubscribe = store.subscribe((s) => {
      const now = [s.transform[0], s.transform[1], s.transform[2], s.width, s.height];
      if (now.every((v, i) => v === last[i]) || frame) return;
      last = now;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paintRef.current(store.getState());
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);
}

function sized(canvas: HTMLCanvasElement, width: number, height: number) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return { ctx: canvas.getContext("2d"), ratio };
}

/** The graph drawn on a canvas over the pane; clicks go through to the pane (see lineage-graph.tsx). */
export function OverviewCanvas({ scene, look }: { scene: Scene; look: Look }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useViewportPaint((s) => {
    const canvas = ref.current;
    if (!canvas || !s.width || !s.height) return;
    const { ctx, ratio } = sized(canvas, s.width, s.height);
    if (ctx) drawScene(ctx, scene, look, s.transform, s.width, s.height, ratio);
  });
  return <canvas ref={ref} data-testid="lineage-overview" aria-hidden className="pointer-events-none absolute inset-0 z-[4] size-full" />;
}

const MAP = { width: 200, height: 150, pad: 8 };

/** Where the minimap draws the whole scene: fitted to its box, centred. */
function mapView(scene: Scene): View {
  const { bounds } = scene;
  const zoom = Math.min((MAP.width - 2 * MAP.pad) / Math.max(bounds.width, 1), (MAP.height - 2 * MAP.pad) / Math.max(bounds.height, 1));
  return [(MAP.width - bounds.width * zoom) / 2 - bounds.x * zoom, (MAP.height - bounds.height * zoom) / 2 - bounds.y * zoom, zoom];
}

/**
 * A minimap on a canvas: every node as a box in its kind's colours with its sensitivity stripe,
 * and the part on screen framed. Drag or click to move there; the wheel zooms. React Flow's own
 * minimap leaves out hidden nodes, and the far-out view hides them all.
 */
export function OverviewMap({ scene, look }: { scene: Scene; look: Look }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rf = useReactFlow();
  const store = useStoreApi();
  const drag = useRef(false);
  const view = mapView(scene);
  // The scene changes rarely and the frame on every pan: the scene is drawn once into a buffer.
  const buffer = useRef<{ scene: Scene; look: Look; canvas: HTMLCanvasElement } | null>(null);

  useViewportPaint((s) => {
    const canvas = ref.current;
    if (!canvas) return;
    const { ctx, ratio } = sized(canvas, MAP.width, MAP.height);
    if (!ctx) return;
    if (!buffer.current || buffer.current.scene !== scene || buffer.current.look !== look) {
      const off = document.createElement("canvas");
      const b = sized(off, MAP.width, MAP.height);
      if (b.ctx) drawScene(b.ctx, scene, { ...look, selected: null }, view, MAP.width, MAP.height, b.ratio);
      buffer.current = { scene, look, canvas: off };
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(buffer.current.canvas, 0, 0);
    // The screen's rectangle, in the minimap's pixels.
    const [tx, ty, zoom] = s.transform;
    const [mx, my, mz] = view;
    const x = (-tx / zoom) * mz + mx;
    const y = (-ty / zoom) * mz + my;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#1f6f5c";
    ctx.fillStyle = "rgba(31, 111, 92, 0.08)";
    ctx.fillRect(x, y, (s.width / zoom) * mz, (s.height / zoom) * mz);
    ctx.strokeRect(x, y, (s.width / zoom) * mz, (s.height / zoom) * mz);
  });

  const moveTo = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const [mx, my, mz] = view;
    const gx = (e.clientX - box.left - mx) / mz;
    const gy = (e.clientY - box.top - my) / mz;
    void rf.setCenter(gx, gy, { zoom: store.getState().transform[2] });
  };
  // A native listener, as React's wheel listeners are passive and the page would scroll too.
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      void rf.zoomTo(store.getState().transform[2] * (e.deltaY < 0 ? 1.2 : 1 / 1.2));
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [rf, store]);

  return (
    <Panel position="bottom-right" className="!hidden sm:!block">
      <canvas
        ref={ref}
        role="img"
        aria-label="Overview of the lineage graph"
        className="block cursor-pointer touch-none rounded border border-slate-300 bg-white shadow-sm"
        style={{ width: MAP.width, height: MAP.height }}
        onPointerDown={(e) => {
          drag.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => drag.current && moveTo(e)}
        onPointerUp={() => (drag.current = false)}
        onPointerCancel={() => (drag.current = false)}
      />
    </Panel>
  );
}
