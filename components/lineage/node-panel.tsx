"use client";

import Link from "next/link";
import { Button, linkButton, secondaryLinkButton } from "@/components/ui/button";
import { formatNumber } from "@/components/ui/format";
import { hrefOf, kindLabel, lineageHref, ORIGINS_WALK, type GraphNode } from "./graph-model";
import { SENSITIVITY_STYLE } from "./lineage-node";

export interface PanelActions {
  onExpand: () => void;
  expanding: boolean;
  onShowOrigins: () => void;
  findingOrigins: boolean;
  /**
   * Set while this node's paths are highlighted. `cut`: the walk upstream stopped at its node cap
   * or depth, so paths further up are missing.
   */
  highlighted: { purposes: number; nodes: number; cut: boolean } | null;
  onClearHighlight: () => void;
  onClose: () => void;
  error: string | null;
}

/** Details of the selected node and what can be done from it. */
export function NodePanel({
  node,
  feeds,
  fedBy,
  showExplore,
  onExpandGroup,
  ...a
}: { node: GraphNode; feeds: number; fedBy: number; showExplore: boolean; onExpandGroup: () => void } & PanelActions) {
  if (node.members) return <GroupPanel node={node} feeds={feeds} fedBy={fedBy} onExpand={onExpandGroup} onClose={a.onClose} />;
  const href = hrefOf(node);
  const sens = node.sensitivity ? SENSITIVITY_STYLE[node.sensitivity] : undefined;
  return (
    <section aria-labelledby="lineage-panel-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="lineage-panel">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{kindLabel(node.kind)}</p>
          <h2 id="lineage-panel-title" className="text-base font-semibold break-words text-slate-900">
            {node.label}
          </h2>
        </div>
        <button type="button" onClick={a.onClose} className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label="Close details">
          <span aria-hidden>×</span>
        </button>
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        {sens && (
          <>
            <dt className="text-slate-600">Sensitivity</dt>
            <dd className="flex items-center gap-1.5 text-slate-900">
              <span className="inline-block size-2.5 rounded-full" style={{ backgroundColor: sens.colour }} aria-hidden />
              {sens.label}
            </dd>
          </>
        )}
        <dt className="text-slate-600">Position</dt>
        <dd className="text-slate-900">
          {node.depth === 0 ? "Starting point" : `${Math.abs(node.depth)} ${Math.abs(node.depth) === 1 ? "hop" : "hops"} ${node.depth < 0 ? "upstream" : "downstream"}`}
        </dd>
        <dt className="text-slate-600">Fed by (shown)</dt>
        <dd className="text-slate-900">{fedBy}</dd>
        <dt className="text-slate-600">Feeds (shown)</dt>
        <dd className="text-slate-900">{feeds}</dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {href && (
          <Link href={href} className={linkButton}>
            Open<span className="sr-only"> {node.label}</span>
          </Link>
        )}
        <Button variant="secondary" onClick={a.onExpand} pending={a.expanding}>
          Expand one hop
        </Button>
        {a.highlighted ? (
          <Button variant="secondary" onClick={a.onClearHighlight}>
            Clear highlight
          </Button>
        ) : (
          <Button variant="secondary" onClick={a.onShowOrigins} pending={a.findingOrigins}>
            Show path to consent origins
          </Button>
        )}
        {showExplore && (
          <Link href={lineageHref(node.node)} className={secondaryLinkButton}>
            Start the graph here
          </Link>
        )}
      </div>
      <div role="status" className="text-sm">
        {a.highlighted &&
          (a.highlighted.purposes > 0 ? (
            <p className="text-slate-800">
              Highlighted: {a.highlighted.nodes} nodes on the paths from {a.highlighted.purposes} consent {a.highlighted.purposes === 1 ? "purpose" : "purposes"}.
            </p>
          ) : (
            <p className="text-amber-900">
              {a.highlighted.cut
                ? "No consent purpose was found in the part walked."
                : "No consent purpose is upstream of this node: none of its data is recorded as collected under consent."}
            </p>
          ))}
        {a.highlighted?.cut && (
          <p className="text-amber-900">
            The walk upstream stopped after {ORIGINS_WALK.depth} hops or {formatNumber(ORIGINS_WALK.cap)} nodes: paths from further up are not shown.
          </p>
        )}
        {a.error && <p className="text-red-700">{a.error}</p>}
      </div>
    </section>
  );
}

/** A group's box selected: how many it stands for, where, and opening it in place. */
function GroupPanel({ node, feeds, fedBy, onExpand, onClose }: { node: GraphNode; feeds: number; fedBy: number; onExpand: () => void; onClose: () => void }) {
  return (
    <section aria-labelledby="lineage-panel-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="lineage-panel">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Group of {kindLabel(node.kind).toLowerCase()} nodes</p>
          <h2 id="lineage-panel-title" className="text-base font-semibold break-words text-slate-900">
            {node.label}
          </h2>
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label="Close details">
          <span aria-hidden>×</span>
        </button>
      </div>
      <p className="text-sm text-slate-700">
        {Math.abs(node.depth)} {Math.abs(node.depth) === 1 ? "hop" : "hops"} {node.depth < 0 ? "upstream" : "downstream"}; fed by {fedBy} and feeding {feeds} of the boxes shown. The list
        view below names each of them.
      </p>
      <Button onClick={onExpand}>Expand group</Button>
    </section>
  );
}
