"use client";

import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useRef, type PointerEvent } from "react";
import { whenIdle } from "@/components/ui/when-idle";
import { OVERVIEW_COLOURS } from "./lineage-node";
import { onViewportChange } from "./viewport";
import { LINE_COLOURS, drawScene, union, visibleRect, type Look, type Rect, type Scene, type View } from "./overview";

/**
 * Repaints whenever React Flow's viewport or size changes, at most once a frame, without
 * re-rendering React: panning a big graph costs one canvas paint per frame. Returns a repaint.
 */
function useViewportPaint(paint: (s: ReactFlowState) => void): () => void {
  const store = useStoreApi();
  const paintRef = useRef(paint);
  useEffect(() => {
    paintRef.current = paint;
    paint(store.getState());
  });
  useEffect(() => {
    let frame = 0;
    const unsubscribe = onViewportChange(store, () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        paintRef.current(store.getState());
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);
  return useCallback(() => paintRef.current(store.getState()), [store]);
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
// A new scene's minimap is drawn in the next idle moment, or within 300 ms.
const SOON = { timeout: 300, fallback: 50 };

/** Where the minimap draws a part of the graph: fitted to its box, centred. */
function mapView(area: Rect): View {
  const zoom = Math.min((MAP.width - 2 * MAP.pad) / Math.max(area.width, 1), (MAP.height - 2 * MAP.pad) / Math.max(area.height, 1));
  return [(MAP.width - area.width * zoom) / 2 - area.x * zoom, (MAP.height - area.height * zoom) / 2 - area.y * zoom, zoom];
}

// The minimap's fixed look: no selection or highlight, so the buffer is redrawn only for a new scene.
const MAP_LOOK: Look = { ...OVERVIEW_COLOURS, selected: null, lit: null };

/**
 * A minimap on a canvas: every node as a box in its kind's colours with its sensitivity stripe,
 * and the part on screen framed; it shows the graph and the screen's part together, as React
 * Flow's does. Drag to pan, click to move there, the wheel zooms. React Flow's own minimap shows
 * only the nodes React Flow holds: for a big graph the part around the screen, far out none.
 */
export function OverviewMap({ scene }: { scene: Scene }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rf = useReactFlow();
  const store = useStoreApi();
  const viewRef = useRef<View>([0, 0, 1]);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  // The scene is drawn once into a buffer, fitted to the graph alone, and scaled into place on
  // each paint: panning repaints an image and a frame, not 1,000 boxes. A new scene's buffer is
  // drawn when the page is idle, not in the task that draws the graph itself (on a slow machine
  // 1,000 boxes and 3,000 curves made that task visibly longer); meanwhile the last one shows.
  const buffer = useRef<{ scene: Scene; whole: View; canvas: HTMLCanvasElement } | null>(null);

  const repaint = useViewportPaint((s) => {
    const canvas = ref.current;
    if (!canvas || !s.width || !s.height) return;
    const { ctx, ratio } = sized(canvas, MAP.width, MAP.height);
    if (!ctx) return;
    // The minimap shows the graph and the screen's part together.
    const seen = visibleRect(s.transform, s.width, s.height);
    const view = mapView(union(scene.bounds, seen));
    viewRef.current = view;
    const [mx, my, mz] = view;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, MAP.width, MAP.height);
    if (buffer.current) {
      const { whole, canvas: drawn } = buffer.current;
      const k = mz / whole[2];
      ctx.drawImage(drawn, mx - whole[0] * k, my - whole[1] * k, MAP.width * k, MAP.height * k);
    }
    // The screen's rectangle, in the minimap's pixels.
    const frame = [seen.x * mz + mx, seen.y * mz + my, seen.width * mz, seen.height * mz] as const;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = ctx.fillStyle = LINE_COLOURS.selected;
    ctx.globalAlpha = 0.08;
    ctx.fillRect(...frame);
    ctx.globalAlpha = 1;
    ctx.strokeRect(...frame);
  });

  useEffect(() => {
    if (buffer.current?.scene === scene) return;
    // Cancelled on unmount or a newer scene, StrictMode's remount included, and scheduled again.
    return whenIdle(() => {
      const off = buffer.current?.canvas ?? document.createElement("canvas");
      const o = sized(off, MAP.width, MAP.height);
      const whole = mapView(scene.bounds);
      if (o.ctx) drawScene(o.ctx, scene, MAP_LOOK, whole, MAP.width, MAP.height, o.ratio);
      buffer.current = { scene, whole, canvas: off };
      repaint();
    }, SOON);
  }, [scene, repaint]);

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

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    // A shaky click is still a click.
    if (!d || (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < 3)) return;
    const [, , mz] = viewRef.current;
    const [tx, ty, zoom] = store.getState().transform;
    // Minimap pixels → graph units → screen pixels: the frame follows the pointer.
    void rf.setViewport({ x: tx - ((e.clientX - d.x) / mz) * zoom, y: ty - ((e.clientY - d.y) / mz) * zoom, zoom });
    drag.current = { x: e.clientX, y: e.clientY, moved: true };
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    if (drag.current && !drag.current.moved) {
      const box = e.currentTarget.getBoundingClientRect();
      const [mx, my, mz] = viewRef.current;
      void rf.setCenter((e.clientX - box.left - mx) / mz, (e.clientY - box.top - my) / mz, { zoom: store.getState().transform[2], duration: 200 });
    }
    drag.current = null;
  };

  return (
    // The border is the panel's, so the canvas keeps its full 200 × 150 for drawing and pointing.
    <Panel position="bottom-right" className="!hidden overflow-hidden rounded border border-slate-300 bg-white shadow-sm sm:!block">
      <canvas
        ref={ref}
        role="img"
        aria-label="Overview of the lineage graph"
        className="block cursor-pointer touch-none"
        style={{ width: MAP.width, height: MAP.height }}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, y: e.clientY, moved: false };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
      />
    </Panel>
  );
}
