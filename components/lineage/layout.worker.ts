// ELK is synchronous: 250 nodes froze a page for ~27 s when run on the main thread (STACK.md).
// Here it runs in its own thread, and the page terminates it when it takes too long.
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import { LAYER_GAP, ROW_GAP, type Flow, type LayoutRequest, type LayoutResponse } from "./layout-types";

const elk = new ELK();

/**
 * On big graphs, cheaper stages: one crossing-minimisation pass and the simple node placer. Profiled
 * on 1,000 nodes and 3,200 edges, the linear-segments placer alone took a third of the time and the
 * randomised crossing minimisation another fifth; the result stays readable.
 */
function optionsFor(nodeCount: number, flow: Flow): Record<string, string> {
  const big = nodeCount > 300;
  return {
    "elk.algorithm": "layered",
    "elk.direction": flow === "down" ? "DOWN" : "RIGHT",
    "elk.spacing.nodeNode": String(ROW_GAP),
    "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
    "elk.spacing.componentComponent": "40",
    // React Flow draws its own edges, so ELK's cheapest routing is enough.
    "elk.edgeRouting": "POLYLINE",
    "elk.layered.thoroughness": big ? "1" : "7",
    "elk.layered.nodePlacement.strategy": big ? "SIMPLE" : "BRANDES_KOEPF",
    "elk.layered.crossingMinimization.greedySwitch.type": big ? "OFF" : "TWO_SIDED",
  };
}

// elk.bundled.js installs its own `self.onmessage` when loaded in a worker (it expects to be the
// worker); assigning ours afterwards takes the channel back.
// (The project's types are the DOM's; the worker lib would clash with them, so a minimal shape.)
const scope = self as unknown as { onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null; postMessage: (m: LayoutResponse) => void };
scope.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges, flow } = event.data;
  try {
    const graph: ElkNode = {
      id: "root",
      layoutOptions: optionsFor(nodes.length, flow),
      children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
    };
    const out = await elk.layout(graph);
    const at = new Map((out.children ?? []).map((c) => [c.id, c] as const));
    const positions = new Array<number>(nodes.length * 2);
    nodes.forEach((n, i) => {
      const c = at.get(n.id);
      positions[i * 2] = c?.x ?? 0;
      positions[i * 2 + 1] = c?.y ?? 0;
    });
    scope.postMessage({ id, positions } satisfies LayoutResponse);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies LayoutResponse);
  }
};
