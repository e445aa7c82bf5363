// A pipeline lineage graph of exactly `edges` edges, written set-based (a few statements, no
// row-by-row inserts). Its shape follows what OpenLineage reports from a warehouse:
// - layers that alternate datasets and jobs (a job reads datasets and writes datasets);
// - locality: most jobs read a few datasets of the same domain (neighbouring indexes), so
//   closures grow steadily instead of covering the whole graph after three hops;
// - hubs: a few datasets (think `customers`) are read by ~100 jobs all over the next layer;
// - cycles: some jobs write back into datasets they read from (a job → an earlier dataset).
import { sql } from "drizzle-orm";
import type { Db } from "../../server/db/client";
import { rowsOf } from "../../server/db/rows";

export interface Shape {
  layers: number;
  width: number;
  /** Local out-edges per node before de-duplication (more are generated than kept). */
  fanOut: number;
  /** Local targets lie within ±window indexes in the next layer. */
  window: number;
  /** One dataset in `hubEvery` is a hub with `hubFanOut` targets anywhere in the next layer. */
  hubEvery: number;
  hubFanOut: number;
  /** Back edges (job → dataset of the layer before) that close cycles. */
  backEdges: number;
  edges: number;
}

export const SHAPE: Shape = { layers: 20, width: 12_500, fanOut: 5, window: 8, hubEvery: 500, hubFanOut: 100, backEdges: 1_000, edges: 1_000_000 };

/** Node names as OpenLineage ingestion writes them: even layers are datasets, odd layers jobs. */
export const nodeName = (layer: number, index: number) => (layer % 2 === 0 ? `dataset:bench/d${layer}_${index}` : `job:bench/j${layer}_${index}`);
/** The same name in SQL, from integer expressions (only ever built from this file's numbers). */
const nameSql = (layer: string, index: string) => `CASE WHEN (${layer}) % 2 = 0 THEN 'dataset:bench/d' ELSE 'job:bench/j' END || (${layer}) || '_' || (${index})`;

export async function generateLineage(db: Db, s: Shape = SHAPE): Promise<{ edges: number; nodes: number }> {
  await db.execute(sql`SELECT setseed(0.42)`);
  const wrap = (expr: string) => `(((${expr}) % ${s.width}) + ${s.width}) % ${s.width}`;
  // Candidates with a priority: hubs and back edges are always kept; local edges fill up to the
  // exact total (random order, so no layer is favoured).
  await db.execute(
    sql.raw(`
    CREATE UNLOGGED TABLE bench_candidates AS
    SELECT ${nameSql("l", "i")} AS f,
           ${nameSql("l + 1", wrap(`i + floor((random() - 0.5) * 2 * ${s.window + 1})::int`))} AS t,
           1 AS priority, random() AS r
    FROM generate_series(0, ${s.layers - 2}) l, generate_series(0, ${s.width - 1}) i, generate_series(1, ${s.fanOut}) j
    UNION ALL
    SELECT ${nameSql("l", "i")},
           ${nameSql("l + 1", `floor(random() * ${s.width})::int`)}, 0, random()
    FROM generate_series(0, ${s.layers - 2}, 2) l, generate_series(0, ${s.width - 1}, ${s.hubEvery}) i, generate_series(1, ${s.hubFanOut}) j
    UNION ALL
    SELECT ${nameSql("l + 1", "i")},
           ${nameSql("l", wrap(`i + floor((random() - 0.5) * 2 * ${s.window + 1})::int`))}, 0, random()
    FROM (SELECT 2 * floor(random() * ${Math.floor((s.layers - 1) / 2)})::int AS l, floor(random() * ${s.width})::int AS i FROM generate_series(1, ${s.backEdges})) b`),
  );
  await db.execute(
    sql.raw(`
    INSERT INTO lineage_edges (from_node, to_node, origin)
    SELECT f, t, 'bench' FROM (
      SELECT DISTINCT ON (f, t) f, t, priority, r FROM bench_candidates WHERE f <> t ORDER BY f, t, priority
    ) d ORDER BY priority, r LIMIT ${s.edges}`),
  );
  await db.execute(sql`DROP TABLE bench_candidates`);
  // Display names, as ingestion records them for datasets and jobs.
  await db.execute(
    sql.raw(`
    INSERT INTO lineage_nodes (node, label, namespace)
    SELECT ${nameSql("l", "i")}, CASE WHEN l % 2 = 0 THEN 'table_' ELSE 'etl_' END || l || '_' || i, 'bench'
    FROM generate_series(0, ${s.layers - 1}) l, generate_series(0, ${s.width - 1}) i`),
  );
  // What autovacuum does soon after a bulk load: statistics, and the visibility map that lets the
  // closure's edge lookups read the index alone (without it, both psql and the API pay heap reads).
  await db.execute(sql`VACUUM ANALYZE lineage_edges`);
  await db.execute(sql`VACUUM ANALYZE lineage_nodes`);
  const [c] = rowsOf<{ edges: number; nodes: number }>(await db.execute(sql`SELECT (SELECT count(*) FROM lineage_edges)::int AS edges, (SELECT count(*) FROM lineage_nodes)::int AS nodes`));
  return c!;
}
