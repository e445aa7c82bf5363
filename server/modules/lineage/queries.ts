import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { textArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { LABELS, type Channel } from "@/server/modules/catalog/vocab";

export type Direction = "upstream" | "downstream";

export interface Closure {
  nodes: Array<{ node: string; depth: number }>;
  edges: Array<{ from: string; to: string }>;
  /** True when the depth limit or the node cap cut the walk short. */
  partial: boolean;
}


/** Walk rows read per node wanted: a node reached again at a later depth is a row of its own. */
const ROWS_PER_NODE = 4;

/**
 * Every node reachable from `start` in one direction, nearest first: a recursive CTE with UNION
 * (set semantics), bounded by depth, so cycles end by themselves; at most `cap` nodes.
 *
 * The walk is read as it runs, breadth first, and stops once enough rows are in: PostgreSQL only
 * runs the next hop of a recursive CTE when its reader asks for more rows, so a big graph is not
 * walked to the end to keep its first `cap` nodes (10 hops from a busy dataset can reach 65,000
 * nodes). A node's first row carries its smallest depth.
 */
export async function closure(db: DbOrTx, start: string, direction: Direction, maxDepth: number, cap: number): Promise<Closure> {
  return (await closureWith(db, start, direction, maxDepth, cap, async () => null)).closure;
}

/**
 * closure(), with `alongside(nodes)` run on another connection while the edges are read (the
 * graph's labels need only the nodes).
 */
export async function closureWith<T>(
  db: DbOrTx,
  start: string,
  direction: Direction,
  maxDepth: number,
  cap: number,
  alongside: (nodes: string[]) => Promise<T>,
): Promise<{ closure: Closure; alongside: T }> {
  const up = direction === "upstream";
  const step = up
    ? sql`SELECT e.from_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.to_node = w.node WHERE w.depth < ${maxDepth}`
    : sql`SELECT e.to_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.from_node = w.node WHERE w.depth < ${maxDepth}`;
  const walk = (limit: number | null) =>
    db
      .execute(sql`WITH RECURSIVE walk(node, depth) AS (SELECT ${start}::text, 0 UNION ${step}) SELECT node, depth FROM walk ${limit === null ? sql`` : sql`LIMIT ${limit}`}`)
      .then((r) => rowsOf<{ node: string; depth: number }>(r));
  const limit = (cap + 1) * ROWS_PER_NODE;
  let rows = await walk(limit);
  const firstDepth = (list: typeof rows) => {
    const seen = new Map<string, number>();
    for (const r of list) if (!seen.has(r.node)) seen.set(r.node, Number(r.depth));
    return seen;
  };
  let reached = firstDepth(rows);
  // Unusually many repeat visits: read the whole walk rather than keep too few nodes.
  if (rows.length === limit && reached.size <= cap) reached = firstDepth((rows = await walk(null)));
  const found = [...reached].map(([node, depth]) => ({ node, depth }));
  let partial = found.length > cap;
  const nodes = found.slice(0, cap).sort((x, y) => x.depth - y.depth || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0));
  const kept = nodes.map((n) => n.node);
  const keptSet = new Set(kept);
  // Cut by depth: some node at the limit still has edges going further.
  const frontier = nodes.filter((n) => n.depth === maxDepth).map((n) => n.node);
  const near = up ? sql`to_node` : sql`from_node`;
  const [more, edgeRows, extra] = await Promise.all([
    !partial && frontier.length ? db.execute(sql`SELECT 1 AS one FROM lineage_edges WHERE ${near} = ANY(${textArray(frontier)}) LIMIT 1`).then((r) => rowsOf(r)) : [],
    // Each kept node's edges on the walk's side; those with both ends kept are drawn.
    // (A lateral lookup per node: matched against the whole array, the planner may hash every edge.)
    db
      .execute(sql`SELECT e.from_node AS "from", e.to_node AS "to" FROM unnest(${textArray(kept)}) AS k(node)
        CROSS JOIN LATERAL (SELECT from_node, to_node FROM lineage_edges WHERE ${near} = k.node) e`)
      .then((r) => rowsOf<{ from: string; to: string }>(r)),
    alongside(kept),
  ]);
  partial ||= more.length > 0;
  const edges = edgeRows.filter((e) => keptSet.has(e.from) && keptSet.has(e.to));
  return { closure: { nodes, edges, partial }, alongside: extra };
}

export interface NodeInfo {
  node: string;
  kind: string;
  id: string;
  label: string;
  sensitivity: string | null;
}

const CATALOG_KINDS = ["source", "signal", "segment", "purpose"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names and sensitivity of nodes, whatever their kind. Ids are grouped by kind first, so each
 * table is read through its primary key for just those ids (matching on 'kind:' || id instead
 * would hash whole tables on every call); the lateral lookup keeps the planner from hashing all
 * of lineage_nodes for a few thousand names.
 */
export async function describeNodes(db: DbOrTx, nodes: string[]): Promise<Map<string, NodeInfo>> {
  const out = new Map<string, NodeInfo>();
  if (nodes.length === 0) return out;
  const ids: Record<(typeof CATALOG_KINDS)[number], string[]> = { source: [], signal: [], segment: [], purpose: [] };
  const others: string[] = [];
  for (const node of nodes) {
    const [kind, ...rest] = node.split(":");
    const id = rest.join(":");
    if ((CATALOG_KINDS as readonly string[]).includes(kind!) && UUID.test(id)) ids[kind as (typeof CATALOG_KINDS)[number]].push(id);
    else others.push(node);
  }
  const rows = rowsOf<{ node: string; label: string; sensitivity: string | null }>(
    await db.execute(sql`
      SELECT 'source:' || id AS node, name AS label, NULL::text AS sensitivity FROM data_sources WHERE id = ANY(${uuidArray(ids.source)})
      UNION ALL
      SELECT 'signal:' || sg.id, sg.name, c.default_sensitivity::text FROM signals sg JOIN data_categories c ON c.id = sg.category_id WHERE sg.id = ANY(${uuidArray(ids.signal)})
      UNION ALL
      SELECT 'segment:' || id, name, sensitivity::text FROM segments WHERE id = ANY(${uuidArray(ids.segment)})
      UNION ALL
      SELECT 'purpose:' || id, name, NULL FROM consent_purposes WHERE id = ANY(${uuidArray(ids.purpose)})
      UNION ALL
      SELECT n.node, l.label, NULL FROM unnest(${textArray(others)}) AS n(node)
        CROSS JOIN LATERAL (SELECT ln.label FROM lineage_nodes ln WHERE ln.node = n.node LIMIT 1) l`),
  );
  const found = new Map(rows.map((r) => [r.node, r]));
  for (const node of nodes) {
    const [kind, ...rest] = node.split(":");
    const id = rest.join(":");
    const row = found.get(node);
    // Channels and unregistered datasets have no row: a readable label from the id.
    const fallback = initcap(id.split("_").join(" "));
    const label = kind === "channel" ? (LABELS.channel[id as Channel] ?? fallback) : (row?.label ?? fallback);
    out.set(node, { node, kind: kind!, id, label, sensitivity: row?.sensitivity ?? null });
  }
  return out;
}

/** PostgreSQL's initcap: each word's first letter upper case, the rest lower case. */
function initcap(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}
