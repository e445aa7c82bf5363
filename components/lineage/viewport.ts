import type { ReactFlowState, useStoreApi } from "@xyflow/react";

type FlowStore = ReturnType<typeof useStoreApi>;

/** Calls `changed` on each change of React Flow's viewport (pan, zoom) or of its size; returns the unsubscribe. */
export function onViewportChange(store: FlowStore, changed: (s: ReactFlowState) => void): () => void {
  return store.subscribe((s, before) => {
    if (s.transform !== before.transform || s.width !== before.width || s.height !== before.height) changed(s);
  });
}
