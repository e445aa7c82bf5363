"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import type { Direction } from "./graph-model";

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Above the graph: direction and depth of the view, "Fit to view", and what the graph is doing. */
export function LineageToolbar({
  direction,
  depth,
  onViewChange,
  onFit,
  fitDisabled,
  status,
  grouping,
}: {
  direction: Direction;
  depth: number;
  onViewChange: (direction: Direction, depth: number) => void;
  onFit: () => void;
  fitDisabled: boolean;
  /** Announced to screen readers as it changes ("Loading lineage…", "12 nodes, 14 edges"). */
  status: string;
  /** Offered on big graphs: group nodes into boxes, or show every node. */
  grouping?: { on: boolean; onToggle: () => void };
}) {
  const ids = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <div className="flex items-center gap-2">
        <label htmlFor={`${ids}-dir`} className="text-sm font-medium text-slate-800">
          Direction
        </label>
        <select
          id={`${ids}-dir`}
          value={direction}
          onChange={(e) => onViewChange(e.target.value as Direction, depth)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="upstream">Upstream (where data comes from)</option>
          <option value="downstream">Downstream (what it feeds)</option>
          <option value="both">Both</option>
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${ids}-depth`} className="text-sm font-medium text-slate-800">
          Depth
        </label>
        <select
          id={`${ids}-depth`}
          value={depth}
          onChange={(e) => onViewChange(direction, Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {DEPTHS.map((d) => (
            <option key={d} value={d}>
              {d} {d === 1 ? "hop" : "hops"}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" onClick={onFit} disabled={fitDisabled}>
        Fit to view
      </Button>
      {grouping && (
        <Button variant="secondary" onClick={grouping.onToggle} aria-pressed={!grouping.on}>
          {grouping.on ? "Show every node" : "Group nodes"}
        </Button>
      )}
      <p role="status" className="min-h-5 text-sm text-slate-700">
        {status}
      </p>
    </div>
  );
}
