import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { notFound } from "@/server/errors";
import { closure, describeNodes, type Direction } from "./queries";

export interface GraphInput {
  node: string;
  direction: Direction | "both";
  depth: number;
  cap: number;
}

/** The neighbourhood of a node, upstream, downstream or both, with labels, as nodes and named edges. */
export async function lineageGraph(db: DbOrTx, input: GraphInput) {
  const dirs: Direction[] = input.direction === "both" ? ["upstream", "downstream"] : [input.direction];
  const parts = await Promise.all(dirs.map((d) => closure(db, input.node, d, input.depth, input.cap)));
  const depthOf = new Map<string, number>();
  parts.forEach((p, i) => p.nodes.forEach((n) => depthOf.set(n.node, Math.min(depthOf.get(n.node) ?? Infinity, dirs[i] === "upstream" ? -n.depth : n.depth))));
  const info = await describeNodes(db, [...depthOf.keys()]);
  if (!info.get(input.node) || info.get(input.node)!.label === "") throw notFound("That node");
  const edges = new Map<string, { from: string; to: string; relation: "feeds" }>();
  for (const p of parts) for (const e of p.edges) edges.set(`${e.from}>${e.to}`, { ...e, relation: "feeds" });
  return {
    root: input.node,
    nodes: [...depthOf].map(([node, depth]) => ({ ...info.get(node)!, depth })),
    edges: [...edges.values()],
    partial: parts.some((p) => p.partial),
  };
}

/** Every consent purpose, lawful basis and capture point behind a segment, with the signal that carries it. */
export async function consentOrigins(db: DbOrTx, segmentId: string) {
  const up = await closure(db, `segment:${segmentId}`, "upstream", 25, 5000);
  const signalIds = up.nodes.filter((n) => n.node.startsWith("signal:")).map((n) => n.node.slice("signal:".length));
  if (signalIds.length === 0) return [];
  return rowsOf<{ purpose_key: string; purpose_name: string; lawful_basis: string; signal_id: string; signal_name: string; source_id: string; source_name: string; capture_points: string[]; jurisdictions: string[] }>(
    await db.execute(sql`
      SELECT p.key AS purpose_key, p.name AS purpose_name, sc.lawful_basis, sg.id AS signal_id, sg.name AS signal_name,
             src.id AS source_id, src.name AS source_name, src.consent_capture_points::text[] AS capture_points, src.jurisdictions
      FROM signals sg
      JOIN data_sources src ON src.id = sg.source_id
      LEFT JOIN signal_consents sc ON sc.signal_id = sg.id
      LEFT JOIN consent_purposes p ON p.id = sc.purpose_id
      WHERE sg.id = ANY(ARRAY[${sql.join(signalIds.map((s) => sql`${s}`), sql`, `)}]::uuid[])
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
  const info = await describeNodes(db, down.nodes.map((n) => n.node));
  const of = (kind: string) => down.nodes.filter((n) => n.node.startsWith(`${kind}:`)).map((n) => ({ ...info.get(n.node)!, depth: n.depth }));
  return { node, segments: of("segment"), channels: of("channel"), partial: down.partial };
}
