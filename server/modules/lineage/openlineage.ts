import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { boundedIsoDateTime } from "@/domain/bounds";
import { storableText } from "@/domain/text";
import type { Db, Tx } from "@/server/db/client";
import { recordAudit } from "@/server/audit/record";
import { datasetName, type IngestResult } from "./schemas";
import { touchToken } from "./tokens.service";
import { inTransaction } from "@/server/db/transaction";

/**
 * An OpenLineage 2-0-2 RunEvent. The envelope is strict: a key the spec does not define is refused
 * (400 naming it), so nothing rides along unseen. Facets are open-ended by the spec's design (any
 * producer may add its own), so they are accepted as any JSON object and not read or stored.
 */
const facets = z.record(z.string(), z.unknown(), { error: "must be an object of facets" }).optional();
const inputDataset = z.strictObject({ ...datasetName.shape, facets, inputFacets: facets });
const outputDataset = z.strictObject({ ...datasetName.shape, facets, outputFacets: facets });

export const runEventSchema = z
  .strictObject({
    eventType: z.enum(["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"], { error: "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER" }).optional(),
    eventTime: boundedIsoDateTime({ offset: true, error: "must be an ISO 8601 date-time", rangeError: "must be between 1900-01-01 and 9999-12-31" }),
    // JSON Schema's "uuid" format, as the spec's schema checks it: any 8-4-4-4-12 hex, whatever its version bits.
    run: z.strictObject({ runId: z.guid({ error: "must be a UUID" }), facets }),
    job: z.strictObject({ ...datasetName.shape, facets }),
    inputs: z.array(inputDataset).max(1000).default([]),
    outputs: z.array(outputDataset).max(1000).default([]),
    producer: storableText(z.url({ error: "must be a URI" }).max(2000, "must be at most 2000 characters")),
    schemaURL: storableText(z.url({ error: "must be a URI" }).max(2000, "must be at most 2000 characters")),
  })
  .meta({ id: "RunEvent", description: "An OpenLineage 2-0-2 RunEvent (https://openlineage.io/spec/2-0-2/OpenLineage.json)." });
export type RunEvent = z.infer<typeof runEventSchema>;

/** Each edge once: ON CONFLICT DO UPDATE refuses to touch one row twice in a statement (a dataset listed twice, or read and written by one run). */
const uniquePairs = (pairs: ReadonlyArray<readonly [string, string]>) => [...new Map(pairs.map(([f, t]) => [`${f}\n${t}`, { f, t }])).values()];

export const datasetNode = (d: { namespace: string; name: string }) => `dataset:${d.namespace}/${d.name}`;
/** datasetNode() in SQL, over a row's namespace and name columns (lineage_dataset_mappings). */
export const datasetNodeSql = sql`'dataset:' || namespace || '/' || name`;

/**
 * Records a run's lineage: input datasets feed the job, the job feeds its outputs. The edges are
 * kept as reported; in the graph, a dataset mapped onto a registered source or signal is that node.
 */
export async function ingestRunEvent(db: Db, token: { id: string; name: string }, event: RunEvent, meta: { ip: string | null; userAgent: string | null }): Promise<IngestResult> {
  return inTransaction(db, async (tx) => {
    const job = `job:${event.job.namespace}/${event.job.name}`;
    const labels: Array<{ node: string; label: string; namespace: string }> = [{ node: job, label: event.job.name, namespace: event.job.namespace }];
    // Every dataset keeps its name, mapped or not, so that the datasets page lists it and an unmapped one reads well.
    for (const d of [...event.inputs, ...event.outputs]) labels.push({ node: datasetNode(d), label: d.name, namespace: d.namespace });
    const reported = [...event.inputs.map((d) => [datasetNode(d), job] as const), ...event.outputs.map((d) => [job, datasetNode(d)] as const)];
    await tx.execute(sql`
      INSERT INTO lineage_nodes (node, label, namespace)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify([...new Map(labels.map((l) => [l.node, l])).values()])}::jsonb) AS r(node text, label text, namespace text)
      ON CONFLICT (node) DO UPDATE SET label = excluded.label, updated_at = now()`);
    if (reported.length) {
      const pairs = sql`SELECT r.f, r.t FROM jsonb_to_recordset(${JSON.stringify(uniquePairs(reported))}::jsonb) AS r(f text, t text)`;
      await tx.execute(sql`INSERT INTO lineage_reported_edges (from_node, to_node) ${pairs} ON CONFLICT (from_node, to_node) DO UPDATE SET updated_at = now()`);
      await writeMappedEdges(tx, pairs);
    }
    await touchToken(tx, token.id);
    await recordAudit(tx, {
      actor: { id: null, label: `token:${token.name}`, ip: meta.ip, userAgent: meta.userAgent },
      action: "lineage.ingested",
      entityType: "lineage_job",
      entityId: job,
      after: { runId: event.run.runId, eventType: event.eventType ?? null, eventTime: event.eventTime, inputs: event.inputs.length, outputs: event.outputs.length, producer: event.producer },
    });
    return { job, edges: reported.length };
  });
}

/**
 * Writes pipeline edges into the graph with today's mappings applied (a dataset mapped onto a
 * source or signal becomes that node). `reported` yields (from, to) rows as pipelines reported them.
 */
export async function writeMappedEdges(tx: Tx, reported: SQL) {
  await tx.execute(sql`
    WITH mapping AS (SELECT ${datasetNodeSql} AS dataset, node FROM lineage_dataset_mappings),
    reported(from_node, to_node) AS (${reported})
    INSERT INTO lineage_edges (from_node, to_node, origin)
    SELECT DISTINCT coalesce(mf.node, r.from_node), coalesce(mt.node, r.to_node), 'openlineage'
    FROM reported r LEFT JOIN mapping mf ON mf.dataset = r.from_node LEFT JOIN mapping mt ON mt.dataset = r.to_node
    ON CONFLICT (from_node, to_node) DO UPDATE SET updated_at = now()`);
}
