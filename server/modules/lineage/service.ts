import { RECENT_DAYS, toolsAskingAbout } from "@/server/modules/activation/usage/report";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/server/db/client";
import { textArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { lineageDatasetMappings } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { DomainError, invalid, notFound } from "@/server/errors";
import { closure, closureWith, describeNodes, type Direction, type NodeInfo } from "./queries";
import { datasetNode, datasetNodeSql, writeMappedEdges } from "./openlineage";
import type { ClosureQuery, ClosureResult } from "./schemas";
import type { SegmentStatus } from "@/domain/vocab";
import { inTransaction } from "@/server/db/transaction";

export interface GraphInput {
  node: string;
  direction: Direction | "both";
  depth: number;
  cap: number;
}

/** The neighbourhood of a node, upstream, downstream or both, with labels, as nodes and named edges. */
export async function lineageGraph(db: DbOrTx, input: GraphInput) {
  const dirs: Direction[] = input.direction === "both" ? ["upstream", "downstream"] : [input.direction];
  // Each direction's labels are read while its edges are.
  const walked = await Promise.all(dirs.map((d) => closureWith(db, input.node, d, input.depth, input.cap, (nodes) => describeNodes(db, nodes))));
  const parts = walked.map((w) => w.closure);
  const info = new Map(walked.flatMap((w) => [...w.alongside]));
  const depthOf = new Map<string, number>();
  parts.forEach((p, i) => p.nodes.forEach((n) => depthOf.set(n.node, Math.min(depthOf.get(n.node) ?? Infinity, dirs[i] === "upstream" ? -n.depth : n.depth))));
  if (!(await nodeRecorded(db, input.node, parts, info.get(input.node)))) throw new DomainError("NOT_FOUND", `No lineage is recorded for ${input.node}.`);
  const nodes = [...depthOf].map(([node, depth]) => ({ ...info.get(node)!, depth }));
  const at = new Map(nodes.map((n, i) => [n.node, i]));
  const pairs = new Map<string, [number, number]>();
  for (const p of parts) for (const e of p.edges) pairs.set(`${e.from}>${e.to}`, [at.get(e.from)!, at.get(e.to)!]);
  return {
    root: input.node,
    nodes,
    // Positions in `nodes`, each pair read "from feeds to" (and back, "to is fedBy from"): on a
    // 2,000-node graph, a third of the JSON that {from, to} objects make (see fromWire).
    edges: { relation: "feeds" as const, pairs: [...pairs.values()] },
    partial: parts.some((p) => p.partial),
  };
}

/**
 * The closure a machine reader asks for (GET /api/v1/lineage): the nodes in each direction with
 * their distance, nearest first. Null when nothing is recorded about the node.
 */
export async function closureOf(db: DbOrTx, q: ClosureQuery) {
  const dirs: Direction[] = q.direction === "both" ? ["upstream", "downstream"] : [q.direction];
  const walked = await Promise.all(dirs.map((d) => closure(db, q.node, d, q.depth, q.cap)));
  if (!(await nodeRecorded(db, q.node, walked))) return null;
  // Typed by the schema the API reference documents (schemas.ts), so the two cannot drift apart.
  const result: ClosureResult = {
    node: q.node,
    direction: q.direction,
    depth: q.depth,
    cap: q.cap,
    partial: walked.some((w) => w.partial),
  };
  dirs.forEach((d, i) => (result[d] = walked[i]!.nodes));
  return result;
}

/**
 * Whether anything is recorded about a node: an edge the walks found, or else a name from the
 * catalog, a pipeline or the channel list (`described` when the caller has it already).
 */
async function nodeRecorded(db: DbOrTx, node: string, walks: Array<{ nodes: unknown[] }>, described?: NodeInfo): Promise<boolean> {
  if (walks.some((w) => w.nodes.length > 1)) return true;
  if ((described ?? (await describeNodes(db, [node])).get(node))?.known) return true;
  return rowsOf(await db.execute(sql`SELECT 1 AS one FROM lineage_edges WHERE from_node = ${node} OR to_node = ${node} LIMIT 1`)).length > 0;
}

/** How far consent origins are looked for upstream. */
export const CONSENT_WALK = { depth: 25, cap: 5000 } as const;

/**
 * Every consent purpose, lawful basis and capture point behind a segment, with the signal that
 * carries it; `partial` when the walk upstream was cut short (a signal further up than 25 hops or
 * past the first `cap` nodes is missing, and a reader must be told so).
 */
export async function consentOrigins(db: DbOrTx, segmentId: string, cap: number = CONSENT_WALK.cap) {
  const up = await closure(db, `segment:${segmentId}`, "upstream", CONSENT_WALK.depth, cap);
  const signalIds = up.nodes.filter((n) => n.node.startsWith("signal:")).map((n) => n.node.slice("signal:".length));
  return { origins: signalIds.length ? await originsOf(db, signalIds) : [], partial: up.partial };
}

async function originsOf(db: DbOrTx, signalIds: string[]) {
  return rowsOf<{
    purpose_key: string;
    purpose_name: string;
    lawful_basis: string;
    signal_id: string;
    signal_name: string;
    source_id: string;
    source_name: string;
    capture_points: string[];
    jurisdictions: string[];
  }>(
    await db.execute(sql`
      SELECT p.key AS purpose_key, p.name AS purpose_name, sc.lawful_basis, sg.id AS signal_id, sg.name AS signal_name,
             src.id AS source_id, src.name AS source_name, src.consent_capture_points::text[] AS capture_points, src.jurisdictions
      FROM signals sg
      JOIN data_sources src ON src.id = sg.source_id
      LEFT JOIN signal_consents sc ON sc.signal_id = sg.id
      LEFT JOIN consent_purposes p ON p.id = sc.purpose_id
      WHERE sg.id = ANY(${uuidArray(signalIds)})
      ORDER BY p.name NULLS LAST, sg.name`),
  ).map((r) => ({
    purposeKey: r.purpose_key,
    purposeName: r.purpose_name,
    lawfulBasis: r.lawful_basis,
    signal: { id: r.signal_id, name: r.signal_name },
    source: { id: r.source_id, name: r.source_name, capturePoints: r.capture_points ?? [], jurisdictions: r.jurisdictions ?? [] },
  }));
}

/** Impact analysis: the segments and channels a source, signal or purpose feeds. */
export async function impact(db: DbOrTx, node: string) {
  const down = await closure(db, node, "downstream", 25, 10_000);
  const info = await describeNodes(
    db,
    down.nodes.map((n) => n.node),
  );
  const of = (kind: string) => down.nodes.filter((n) => n.node.startsWith(`${kind}:`)).map((n) => ({ ...info.get(n.node)!, depth: n.depth }));
  const segments = of("segment");
  // Whether an affected segment is live is the first thing a privacy officer asks.
  const statuses = new Map(
    rowsOf<{ id: string; status: SegmentStatus }>(await db.execute(sql`SELECT id, status FROM segments WHERE id = ANY(${uuidArray(segments.map((x) => x.id))})`)).map((r) => [
      r.id,
      r.status,
    ]),
  );
  // And which activation tools use it now: those the gate will start denying if it is blocked.
  const tools = await toolsAskingAbout(
    db,
    segments.map((x) => x.id),
  );
  return {
    node,
    segments: segments.map((x) => ({ ...x, status: statuses.get(x.id) ?? null, tools: tools.get(x.id) ?? [] })),
    channels: of("channel"),
    partial: down.partial,
    recentDays: RECENT_DAYS,
  };
}

/**
 * Maps a pipeline dataset onto a catalog source or signal (or onto another one, when it was
 * mapped already): its pipeline edges move onto the catalog node in the same transaction.
 */
export async function mapDataset(db: Db, actor: AuditActor, input: { namespace: string; name: string; node: string }) {
  return inTransaction(db, async (tx) => {
    const exists = rowsOf<{ one: number }>(
      await tx.execute(sql`SELECT 1 AS one FROM data_sources WHERE 'source:' || id = ${input.node} UNION ALL SELECT 1 FROM signals WHERE 'signal:' || id = ${input.node}`),
    );
    if (exists.length === 0) throw invalid("That source or signal does not exist.", "node");
    const dataset = datasetNode(input);
    const [before] = await tx
      .select()
      .from(lineageDatasetMappings)
      .where(and(eq(lineageDatasetMappings.namespace, input.namespace), eq(lineageDatasetMappings.name, input.name)))
      .for("no key update");
    if (before?.node === input.node) return { dataset, node: input.node };
    await tx
      .insert(lineageDatasetMappings)
      .values(input)
      .onConflictDoUpdate({ target: [lineageDatasetMappings.namespace, lineageDatasetMappings.name], set: { node: input.node, createdAt: sql`now()` } });
    await derivePipelineEdges(tx, [dataset, input.node, ...(before ? [before.node] : [])]);
    await recordAudit(tx, {
      actor,
      action: "lineage.dataset_mapped",
      entityType: "lineage_dataset",
      entityId: dataset,
      before: before ? { node: before.node } : undefined,
      after: { node: input.node },
    });
    return { dataset, node: input.node };
  });
}

/** Ends a dataset's mapping: its pipeline edges leave the catalog node and join the dataset again. */
export async function unmapDataset(db: Db, actor: AuditActor, input: { namespace: string; name: string }) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .delete(lineageDatasetMappings)
      .where(and(eq(lineageDatasetMappings.namespace, input.namespace), eq(lineageDatasetMappings.name, input.name)))
      .returning();
    if (!before) throw notFound("That mapping");
    const dataset = datasetNode(input);
    await derivePipelineEdges(tx, [dataset, before.node]);
    await recordAudit(tx, { actor, action: "lineage.dataset_unmapped", entityType: "lineage_dataset", entityId: dataset, before: { node: before.node } });
    return { dataset };
  });
}

/**
 * Derives the pipeline edges at `nodes` again from what pipelines reported, with today's
 * mappings: the reported edges at those names, and at every dataset mapped onto one of them.
 */
async function derivePipelineEdges(tx: Tx, nodes: string[]) {
  const names = textArray(nodes);
  await tx.execute(sql`DELETE FROM lineage_edges WHERE origin = 'openlineage' AND (from_node = ANY(${names}) OR to_node = ANY(${names}))`);
  const mappedHere = sql`SELECT ${datasetNodeSql} FROM lineage_dataset_mappings WHERE node = ANY(${names})`;
  await writeMappedEdges(
    tx,
    sql`SELECT from_node, to_node FROM lineage_reported_edges
        WHERE from_node = ANY(${names}) OR to_node = ANY(${names}) OR from_node IN (${mappedHere}) OR to_node IN (${mappedHere})`,
  );
}

/** Datasets pipelines have reported, with the source or signal each is mapped onto; `q` filters by name. */
export async function reportedDatasets(db: DbOrTx, q: string | undefined, limit = 200) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = rowsOf<{ node: string; namespace: string; name: string; mapped_to: string | null; total: string | number }>(
    await db.execute(sql`
      SELECT n.node, n.namespace, n.label AS name, m.node AS mapped_to, count(*) OVER () AS total
      FROM lineage_nodes n
      LEFT JOIN lineage_dataset_mappings m ON m.namespace = n.namespace AND m.name = n.label
      WHERE n.node LIKE 'dataset:%' ${pattern ? sql`AND n.node ILIKE ${pattern}` : sql``}
      ORDER BY n.namespace, n.label
      LIMIT ${limit}`),
  );
  const targets = await describeNodes(db, [...new Set(rows.flatMap((r) => (r.mapped_to ? [r.mapped_to] : [])))]);
  return {
    total: Number(rows[0]?.total ?? 0),
    datasets: rows.map((r) => ({ node: r.node, namespace: r.namespace, name: r.name, mappedTo: r.mapped_to ? (targets.get(r.mapped_to) ?? null) : null })),
  };
}
