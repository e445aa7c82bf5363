"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { readView, kindLabel, type Direction, type GraphNode } from "@/components/lineage/graph-model";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import { EmptyState } from "@/components/ui/states";
import { ImpactPanel } from "./impact-panel";
import { NodePicker } from "./node-picker";

/** The lineage page: pick a node (kept in ?node=…), see its graph, and what it feeds. */
export function LineageExplorer() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = readView((n) => searchParams.get(n) ?? undefined);
  // The root's name and kind, as the graph loaded them (no request of its own).
  const [root, setRoot] = useState<GraphNode | null>(null);
  const rootNode = root?.node === view.node ? root : undefined;

  const go = (node: string) => router.push(`${pathname}?node=${encodeURIComponent(node)}`, { scroll: false });
  const setView = (v: { direction: Direction; depth: number }) => {
    const qs = new URLSearchParams(searchParams.toString());
    qs.set("direction", v.direction);
    qs.set("depth", String(v.depth));
    router.replace(`${pathname}?${qs}`, { scroll: false });
  };

  return (
    // No card around the picker, and tight gaps: the graph is what people come for, so it starts
    // as high on the page as it can.
    <div className="space-y-4">
      <div>
        <NodePicker onChoose={go} />
        {rootNode && (
          <p className="mt-1 text-sm text-slate-700" data-testid="lineage-current">
            Showing the lineage of <span className="font-medium text-slate-900">{rootNode.label}</span> ({kindLabel(rootNode.kind).toLowerCase()}).
          </p>
        )}
      </div>
      {view.node ? (
        <>
          <LineageGraph key={view.node} node={view.node} initialDirection={view.direction} initialDepth={view.depth} onViewChange={setView} onRoot={setRoot} showExplore />
          {rootNode && rootNode.kind !== "channel" && <ImpactPanel node={rootNode} />}
        </>
      ) : (
        <EmptyState title="Choose where to start">Search above for a segment, signal, data source or consent purpose to see where its data comes from and what it feeds.</EmptyState>
      )}
    </div>
  );
}
