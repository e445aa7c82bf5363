import { z } from "zod";

/** A lineage node's name: kind:id, e.g. segment:<uuid> or dataset:warehouse/orders. */
export const nodeName = z.string().regex(/^(source|signal|segment|purpose|channel|dataset|job):[^\s]+$/, "Name a node as kind:id, e.g. segment:<uuid>.");

/** GET /api/v1/lineage's query string. */
export const closureQuery = z.object({
  node: nodeName,
  direction: z.enum(["upstream", "downstream", "both"], { error: "must be upstream, downstream or both" }).default("both"),
  depth: z.coerce.number({ error: "must be a whole number from 1 to 25" }).int("must be a whole number from 1 to 25").min(1, "must be a whole number from 1 to 25").max(25, "must be a whole number from 1 to 25").default(6),
  cap: z.coerce.number({ error: "must be a whole number from 1 to 10000" }).int("must be a whole number from 1 to 10000").min(1, "must be a whole number from 1 to 10000").max(10_000, "must be a whole number from 1 to 10000").default(1000),
});
export type ClosureQuery = z.infer<typeof closureQuery>;

/** What an API token may do; a token holds one or more. */
export const TOKEN_SCOPES = ["lineage:write", "lineage:read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  "lineage:write": "Report run events (POST /api/v1/lineage)",
  "lineage:read": "Read lineage (GET /api/v1/lineage)",
};
