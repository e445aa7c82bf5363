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
