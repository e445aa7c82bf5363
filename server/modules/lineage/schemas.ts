import { z } from "zod";
import { textField } from "@/domain/text";
import { NODE_NAME } from "@/domain/node-name";

export const nodeName = textField(1600, { trim: false }).regex(NODE_NAME, "Name a node as kind:id, e.g. segment:<uuid>.");

/** A pipeline dataset or job as OpenLineage names it: namespace and name, taken as reported. */
export const datasetName = z.object({ namespace: textField(500, { trim: false }).min(1, "must not be empty"), name: textField(1000, { trim: false }).min(1, "must not be empty") });

/** A query-string number, with one message for every way it can be wrong. */
function wholeNumber(min: number, max: number) {
  const wrong = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: wrong }).int(wrong).min(min, wrong).max(max, wrong);
}

/** GET /api/v1/lineage's query string. */
export const closureQuery = z.object({
  node: nodeName,
  direction: z.enum(["upstream", "downstream", "both"], { error: "must be upstream, downstream or both" }).default("both"),
  depth: wholeNumber(1, 25).default(6),
  cap: wholeNumber(1, 10_000).default(1000),
});
export type ClosureQuery = z.infer<typeof closureQuery>;

/** A node met on a closure walk, with its distance in hops from the asked node (0: the node itself). */
const closureNode = z.object({ node: z.string(), depth: z.number().int().min(0) });

/** GET /api/v1/lineage's answer (service.ts closureOf): each asked direction's nodes, nearest first. */
export const closureResult = z
  .object({
    node: z.string(),
    direction: z.enum(["upstream", "downstream", "both"]),
    depth: z.number().int().min(1),
    cap: z.number().int().min(1),
    partial: z.boolean().meta({ description: "True when the depth or the cap cut the walk short: nodes further away exist." }),
    upstream: z.array(closureNode).optional().meta({ description: "With direction upstream or both." }),
    downstream: z.array(closureNode).optional().meta({ description: "With direction downstream or both." }),
  })
  .meta({ id: "LineageClosure" });
export type ClosureResult = z.infer<typeof closureResult>;

/** POST /api/v1/lineage's answer (openlineage.ts ingestRunEvent): the job's node and the edges recorded. */
export const ingestResult = z
  .object({
    job: z.string().meta({ description: "The job's node, `job:<namespace>/<name>`." }),
    edges: z.number().int().min(0).meta({ description: "Edges reported: one per input and per output dataset." }),
  })
  .meta({ id: "LineageIngested" });
export type IngestResult = z.infer<typeof ingestResult>;
