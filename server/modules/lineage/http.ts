import { serverEnv } from "@/server/env";
import { apiRoute } from "@/server/http/api-route";
import { HttpError } from "@/server/http/errors";
import { ingestRunEvent, runEventSchema } from "./openlineage";
import { closureQuery, closureResult, ingestResult } from "./schemas";
import { closureOf } from "./service";
import { touchToken } from "./tokens.service";

/**
 * GET /api/v1/lineage?node=…&direction=upstream|downstream|both&depth=1…25&cap=1…10000: a node's
 * closure for pipelines and tools (what does this dataset feed?), with an API token (lineage:read).
 */
export const lineageGet = apiRoute(
  {
    method: "GET",
    path: "/api/v1/lineage",
    tag: "Lineage",
    summary: "Lineage closure of a node",
    description:
      "Everything upstream or downstream of a node (a dataset, job, source, signal, segment, consent purpose or channel), nearest first, up to `depth` hops and `cap` nodes per direction. Answers what a dataset feeds, or where a segment's data comes from.",
    scope: "lineage:read",
    query: closureQuery,
    responses: { 200: { description: "The closure of each asked direction.", schema: closureResult } },
    errors: { 404: "No lineage is recorded for the node (`field` is `node`)." },
    example: { query: { node: "dataset:warehouse/raw_orders", direction: "downstream", depth: "6" } },
  },
  async ({ db, query, token }) => {
    const [result] = await Promise.all([closureOf(db, query), touchToken(db, token.id)]);
    if (!result) throw new HttpError(404, "NOT_FOUND", `node: no lineage is recorded for ${query.node}`, "node");
    return Response.json(result);
  },
);

/**
 * POST /api/v1/lineage: OpenLineage RunEvent intake, authenticated with an API token
 * (lineage:write). Its body may be larger than other routes' (STEWARD_LINEAGE_MAX_BODY_BYTES):
 * integrations attach facets, column-level lineage among them, that Steward reads past.
 */
export const lineagePost = apiRoute(
  {
    method: "POST",
    path: "/api/v1/lineage",
    tag: "Lineage",
    summary: "Report an OpenLineage run event",
    description:
      "Records a pipeline run's lineage from an OpenLineage 2-0-2 RunEvent: each input dataset feeds the job, the job feeds each output. Keys the spec does not define are refused; facets are accepted and not read. The body limit is STEWARD_LINEAGE_MAX_BODY_BYTES (16 MB by default). Every accepted event is audited.",
    scope: "lineage:write",
    body: runEventSchema,
    maxBodyBytes: () => serverEnv().lineageMaxBodyBytes,
    responses: { 201: { description: "The event was recorded.", schema: ingestResult } },
    example: {
      body: {
        eventType: "COMPLETE",
        eventTime: "2026-11-29T10:00:00Z",
        run: { runId: "3f5e2a7c-1b2d-4c8e-9f10-123456789abc" },
        job: { namespace: "airflow", name: "build_orders" },
        inputs: [{ namespace: "warehouse", name: "raw_orders" }],
        outputs: [{ namespace: "warehouse", name: "orders" }],
        producer: "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/airflow",
        schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      },
    },
  },
  async ({ db, body, token, actor }) => Response.json(await ingestRunEvent(db, token, body, { ip: actor.ip ?? null, userAgent: actor.userAgent ?? null }), { status: 201 }),
);
