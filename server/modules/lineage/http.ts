import { serverEnv } from "@/server/env";
import { tokenRoute } from "@/server/http/route";
import { HttpError } from "@/server/http/errors";
import { ingestRunEvent, runEventSchema } from "./openlineage";
import { closureQuery } from "./schemas";
import { closureOf } from "./service";
import { touchToken } from "./tokens.service";

/**
 * GET /api/v1/lineage?node=…&direction=upstream|downstream|both&depth=1…25&cap=1…10000: a node's
 * closure for pipelines and tools (what does this dataset feed?), with an API token (lineage:read).
 */
export const lineageGet = tokenRoute("lineage closure", "lineage:read", { query: closureQuery }, async ({ db, query, token }) => {
  const [result] = await Promise.all([closureOf(db, query), touchToken(db, token.id)]);
  if (!result) throw new HttpError(404, "NOT_FOUND", `node: no lineage is recorded for ${query.node}`, "node");
  return Response.json(result);
});

/**
 * POST /api/v1/lineage: OpenLineage RunEvent intake, authenticated with an API token
 * (lineage:write). Its body may be larger than other routes' (STEWARD_LINEAGE_MAX_BODY_BYTES):
 * integrations attach facets, column-level lineage among them, that Steward reads past.
 */
export const lineagePost = tokenRoute(
  "lineage ingestion",
  "lineage:write",
  { body: runEventSchema, maxBodyBytes: () => serverEnv().lineageMaxBodyBytes },
  async ({ db, body, token, actor }) => Response.json(await ingestRunEvent(db, token, body, { ip: actor.ip ?? null, userAgent: actor.userAgent ?? null }), { status: 201 }),
);
