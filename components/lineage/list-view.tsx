"use client";

import Link from "next/link";
import { textLink } from "@/components/ui/button";
import { memo, useState } from "react";
import { ActionsHeader, TableWrap, td, th } from "@/components/ui/layout";
import { hrefOf, kindLabel, type Graph } from "./graph-model";
import { SENSITIVITY_STYLE } from "./lineage-node";

const hops = (d: number) => (d === 0 ? "start" : `${Math.abs(d)} ${d < 0 ? "upstream" : "downstream"}`);

/**
 * The graph as tables: what screen readers and keyboard users get instead of the canvas. Built
 * only while open, since a 1,000-node graph makes long tables.
 */
export const ListView = memo(function ListView({ graph, onSelect }: { graph: Graph; onSelect: (node: string) => void }) {
  const [open, setOpen] = useState(false);
  const labels = new Map(graph.nodes.map((n) => [n.node, n.label] as const));
  const sorted = open ? [...graph.nodes].sort((a, b) => a.depth - b.depth || a.label.localeCompare(b.label)) : [];
  return (
    <details className="rounded-lg border border-slate-200 bg-white" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-800">
        List view: {graph.nodes.length} {graph.nodes.length === 1 ? "node" : "nodes"}, {graph.edges.length} {graph.edges.length === 1 ? "edge" : "edges"}
      </summary>
      {open && (
        <div className="space-y-4 p-4 pt-2">
          <TableWrap label="Nodes">
            <caption className="sr-only">Nodes, nearest upstream first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>Name</th>
                <th className={th}>Kind</th>
                <th className={th}>Sensitivity</th>
                <th className={th}>Hops</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sorted.map((n) => {
                const href = hrefOf(n);
                return (
                  <tr key={n.node}>
                    <td className={td}>{n.label}</td>
                    <td className={td}>{kindLabel(n.kind)}</td>
                    <td className={td}>{n.sensitivity ? (SENSITIVITY_STYLE[n.sensitivity]?.label ?? n.sensitivity) : "—"}</td>
                    <td className={`${td} whitespace-nowrap`}>{hops(n.depth)}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      <button type="button" className={textLink} onClick={() => onSelect(n.node)}>
                        Show<span className="sr-only"> {n.label}</span> in graph
                      </button>
                      {href && (
                        <Link href={href} className="ml-3 font-medium text-brand-700 underline-offset-2 hover:underline">
                          Open<span className="sr-only"> {n.label}</span>
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </TableWrap>
          <TableWrap label="Edges">
            <caption className="sr-only">Edges: the first feeds the second</caption>
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>From</th>
                <th className={th}>Feeds</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {graph.edges.map((e) => (
                <tr key={`${e.from}>${e.to}`}>
                  <td className={td}>{labels.get(e.from) ?? e.from}</td>
                  <td className={td}>{labels.get(e.to) ?? e.to}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        </div>
      )}
    </details>
  );
});
