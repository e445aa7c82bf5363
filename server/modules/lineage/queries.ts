import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { textArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { preparedOnce, prepareSql } from "@/server/db/prepared";
import { isUuid } from "@/domain/ids";
import { LABELS, type Channel } from "@/domain/vocab";

export type Direction = "upstream" | "downstream";

export interface Closure {
  nodes: Array<{ node: string; depth: number }>;
  edges: Array<{ from: string; to: string }>;
  /** True when the depth limit or the node cap cut the walk short. */
  partial: boolean;
}

/**
 * Walk rows read per node wanted, first and if that was not enough: a node reached again at a
 * later depth is a row of its own, so a walk through many cycles needs more rows per node.
 */
const ROWS_PER_NODE = [2, 8] as const;

/**
 * Every node reachable from `start` in one direction, nearest first: a recursive CTE with UNION
 * (set semantics), bounded by depth, so cycles end by themselves; at most `cap` nodes, the nearest
 * by (depth, name). One statement, so a caller pays one round trip.
 *
 * The walk is read as it runs, breadth first, and stops once enough rows are in: PostgreSQL only
 * runs the next hop of a recursive CTE when its reader asks for more rows, so a big graph is not
 * walked to the end to keep its first `cap` nodes (10 hops from a busy dataset can reach 65,000
 * nodes). Breadth first, a node's first row carries its smallest depth. The same statement tells
 * whether a kept node at the depth limit has edges to nodes not kept (the walk was cut by depth;
 * an edge back to a kept node, as from a job that reads and writes one dataset, cuts nothing).
 */
export async function closure(db: DbOrTx, start: string, direction: Direction, maxDepth: number, cap: number): Promise<Omit<Closure, "edges">> {
  const walk = async (rowLimit: number | null) => {
    const rows = rowsOf<WalkRow>(await walkStatement(db, direction, rowLimit !== null).execute({ start, maxDepth, rowLimit, keep: cap + 1 }));
    return { nodes: rows, walked: Number(rows[0]?.walked ?? 0), goesOn: rows.some((r) => r.goes_on === true) };
  };
  // Read more of the walk, and in the end all of it, while the rows read filled up with too few nodes.
  const limits = [...ROWS_PER_NODE.map((n) => (cap + 1) * n), null];
  let read = await walk(limits[0]!);
  for (let i = 1; i < limits.length && read.walked === limits[i - 1] && read.nodes.length <= cap; i++) read = await walk(limits[i] ?? null);
  const partial = read.nodes.length > cap || read.goesOn;
  return { nodes: read.nodes.slice(0, cap).map((r) => ({ node: r.node, depth: Number(r.depth) })), partial };
}

interface WalkRow {
  node: string;
  depth: number;
  walked: string | number;
  goes_on: boolean | null;
}

/**
 * The walk, prepared once per direction and database: unprepared, its parse, plan and the
 * driver's extra round trip were a third of the time a small closure's walk took.
 */
function walkStatement(db: DbOrTx, direction: Direction, limited: boolean) {
  const name = `lineage_walk_${direction}_${limited ? "limited" : "whole"}`;
  return preparedOnce(db, name, (d) => prepareSql(d, name, walkSql(direction, limited)));
}

function walkSql(direction: Direction, limited: boolean) {
  const [next, near] = direction === "upstream" ? [sql.raw("from_node"), sql.raw("to_node")] : [sql.raw("to_node"), sql.raw("from_node")];
  const maxDepth = sql`${sql.placeholder("maxDepth")}::int`;
  return sql`
    WITH RECURSIVE walk(node, depth) AS (
      SELECT ${sql.placeholder("start")}::text, 0
      UNION
      SELECT e.${next}, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.${near} = w.node WHERE w.depth < ${maxDepth}
    ),
    kept AS (
      SELECT node, min(depth)::int AS depth, sum(count(*)) OVER () AS walked
      FROM (SELECT node, depth FROM walk ${limited ? sql`LIMIT ${sql.placeholder("rowLimit")}::int` : sql``}) r
      GROUP BY node ORDER BY 2, 1 LIMIT ${sql.placeholder("keep")}::int
    )
    SELECT node, depth, walked,
      CASE WHEN depth = ${maxDepth} THEN EXISTS (SELECT 1 FROM lineage_edges e WHERE e.${near} = kept.node AND e.${next} NOT IN (SELECT node FROM kept)) END AS goes_on
    FROM kept ORDER BY depth, node`;
}

/**
 * closure() with the edges between the kept nodes, and `alongside(nodes)` run on another
 * connection while the edges are read (the graph's labels need only the nodes).
 */
export async function closureWith<T>(
  db: DbOrTx,
  start: string,
  direction: Direction,
  maxDepth: number,
  cap: number,
  alongside: (nodes: string[]) => Promise<T>,
): Promise<{ closure: Closure; alongside: T }> {
  const walked = await closure(db, start, direction, maxDepth, cap);
  const kept = walked.nodes.map((n) => n.node);
  const keptSet = new Set(kept);
  const near = direction === "upstream" ? sql.raw("to_node") : sql.raw("from_node");
  const [edgeRows, extra] = await Promise.all([
    // Each kept node's edges on the walk's side; those with both ends kept are drawn.
    // (A lateral lookup per node: matched against the whole array, the planner may hash every edge.)
    db
      .execute(
        sql`SELECT e.from_node AS "from", e.to_node AS "to" FROM unnest(${textArray(kept)}) AS k(node)
        CROSS JOIN LATERAL (SELECT from_node, to_node FROM lineage_edges WHERE ${near} = k.node) e`,
      )
      .then((r) => rowsOf<{ from: string; to: string }>(r)),
    alongside(kept),
  ]);
  const edges = edgeRows.filter((e) => keptSet.has(e.from) && keptSet.has(e.to));
  return { closure: { ...walked, edges }, alongside: extra };
}

export interface NodeInfo {
  node: string;
  kind: string;
  id: string;
  label: string;
  sensitivity: string | null;
  /** Named by the catalog, a pipeline or the channel list (not just a label made from the id). */
  known: boolean;
}

const CATALOG_KINDS = ["source", "signal", "segment", "purpose"] as const;

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
    if ((CATALOG_KINDS as readonly string[]).includes(kind!) && isUuid(id)) ids[kind as (typeof CATALOG_KINDS)[number]].push(id);
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
    const known = row !== undefined || (kind === "channel" && id in LABELS.channel);
    out.set(node, { node, kind: kind!, id, label, sensitivity: row?.sensitivity ?? null, known });
  }
  return out;
}

/** PostgreSQL's initcap: each word's first letter upper case, the rest lower case. */
function initcap(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}
