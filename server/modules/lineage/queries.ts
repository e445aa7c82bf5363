import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { textArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { LABELS, type Channel } from "@/server/modules/catalog/vocab";

export type Direction = "upstream" | "downstream";

export interface Closure {
  nodes: Array<{ node: string; depth: number }>;
  edges: Array<{ from: string; to: string }>;
  /** True when the depth limit or the node cap cut the walk short. */
  partial: boolean;
}


/**
 * Every node reachable from `start` in one direction, nearest first: a recursive CTE with UNION
 * (set semantics), bounded by depth, so cycles end by themselves; at most `cap` nodes.
 */
export async function closure(db: DbOrTx, start: string, direction: Direction, maxDepth: number, cap: number): Promise<Closure> {
  const step =
    direction === "upstream"
      ? sql`SELECT e.from_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.to_node = w.node WHERE w.depth < ${maxDepth}`
      : sql`SELECT e.to_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.from_node = w.node WHERE w.depth < ${maxDepth}`;
  const rows = rowsOf<{ node: string; depth: number }>(
    await db.execute(sql`
      WITH RECURSIVE walk(node, depth) AS (SELECT ${start}::text, 0 UNION ${step})
      SELECT node, min(depth)::int AS depth FROM walk GROUP BY node ORDER BY min(depth), node LIMIT ${cap + 1}`),
  );
  let partial = rows.length > cap;
  const nodes = rows.slice(0, cap);
  const names = nodes.map((n) => n.node);
  // Cut by depth: some node at the limit still has edges going further.
  const frontier = nodes.filter((n) => n.depth === maxDepth).map((n) => n.node);
  if (!partial && frontier.length) {
    const col = direction === "upstream" ? sql`to_node` : sql`from_node`;
    const more = rowsOf<{ one: number }>(await db.execute(sql`SELECT 1 AS one FROM lineage_edges WHERE ${col} = ANY(${textArray(frontier)}) LIMIT 1`));
    partial = more.length > 0;
  }
  const edges = names.length
    ? rowsOf<{ from: string; to: string }>(
        await db.execute(sql`SELECT from_node AS "from", to_node AS "to" FROM lineage_edges WHERE from_node = ANY(${textArray(names)}) AND to_node = ANY(${textArray(names)})`),
      )
    : [];
  return { nodes, edges, partial };
}

export interface NodeInfo {
  node: string;
  kind: string;
  id: string;
  label: string;
  sensitivity: string | null;
}

/** Names and sensitivity of nodes, whatever their kind. */
export async function describeNodes(db: DbOrTx, nodes: string[]): Promise<Map<string, NodeInfo>> {
  const out = new Map<string, NodeInfo>();
  if (nodes.length === 0) return out;
  const rows = rowsOf<{ node: string; label: string; sensitivity: string | null }>(
    await db.execute(sql`
      WITH n(node) AS (SELECT unnest(${textArray(nodes)}))
      SELECT n.node,
        coalesce(src.name, sg.name, seg.name, p.name, ln.label, initcap(replace(split_part(n.node, ':', 2), '_', ' '))) AS label,
        coalesce(c.default_sensitivity::text, seg.sensitivity::text) AS sensitivity
      FROM n
      LEFT JOIN data_sources src ON n.node = 'source:' || src.id
      LEFT JOIN signals sg ON n.node = 'signal:' || sg.id
      LEFT JOIN data_categories c ON c.id = sg.category_id
      LEFT JOIN segments seg ON n.node = 'segment:' || seg.id
      LEFT JOIN consent_purposes p ON n.node = 'purpose:' || p.id
      LEFT JOIN lineage_nodes ln ON ln.node = n.node`),
  );
  for (const r of rows) {
    const [kind, ...rest] = r.node.split(":");
    const id = rest.join(":");
    const label = kind === "channel" ? (LABELS.channel[id as Channel] ?? r.label) : r.label;
    out.set(r.node, { node: r.node, kind: kind!, id, label, sensitivity: r.sensitivity });
  }
  return out;
}
