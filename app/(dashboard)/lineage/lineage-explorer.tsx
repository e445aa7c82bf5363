"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { graphInput, readView, kindLabel, type Direction } from "@/components/lineage/graph-model";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";
import { ImpactPanel } from "./impact-panel";
import { NodePicker } from "./node-picker";

/** The lineage page: pick a node (kept in ?node=…), see its graph, and what it feeds. */
export function LineageExplorer() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = readView((n) => searchParams.get(n) ?? undefined);
  // The root's name and kind, from the graph's own query (the same key, so no request of its own:
  // the page prefetched it on the server).
  const root = useQuery({
    ...trpc.lineage.graph.queryOptions(graphInput(view.node ?? "segment:-", view.direction, view.depth)),
    enabled: view.node !== null,
    placeholderData: (prev) => prev,
    select: (g) => g.nodes.find((n) => n.node === g.root),
  });
  const rootNode = root.data?.node === view.node ? root.data : undefined;

  const go = (node: string) => router.push(`${pathname}?node=${encodeURIComponent(node)}`, { scroll: false });
  const setView = (v: { direction: Direction; depth: number }) => {
    const qs = new URLSearchParams(searchParams.toString());
    qs.set("direction", v.direction);
    qs.set("depth", String(v.depth));
    router.replace(`${pathname}?${qs}`, { scroll: false });
  };

  return (
    <div className="space-y-6">
      <Card>
        <NodePicker onChoose={go} />
        {rootNode && (
          <p className="mt-3 text-sm text-slate-700" data-testid="lineage-current">
            Showing the lineage of <span className="font-medium text-slate-900">{rootNode.label}</span> ({kindLabel(rootNode.kind).toLowerCase()}).
          </p>
        )}
      </Card>
      {view.node ? (
        <>
          <LineageGraph key={view.node} node={view.node} initialDirection={view.direction} initialDepth={view.depth} onViewChange={setView} showExplore />
          {rootNode && rootNode.kind !== "channel" && <ImpactPanel node={rootNode} />}
        </>
      ) : (
        <EmptyState title="Choose where to start">Search above for a segment, signal, data source or consent purpose to see where its data comes from and what it feeds.</EmptyState>
      )}
    </div>
  );
}
