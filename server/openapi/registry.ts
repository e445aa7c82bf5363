/**
 * Everything the OpenAPI document (document.ts) describes. To document a new /api/v1 route,
 * declare it with `apiRoute` (server/http/api-route.ts) and add it to API_ROUTES; to document a
 * webhook event, add its payload schema to WEBHOOKS. openapi.int.test.ts fails while a route
 * file under app/api/v1 exports a handler that is not listed here.
 */
import type { z } from "zod";
import type { ApiRoute } from "@/server/http/api-route";
import { lineageGet, lineagePost } from "@/server/modules/lineage/http";

/** The reference's groups, in the order it shows them; each route names one as its `tag`. */
export const TAGS: Array<{ name: string; description: string }> = [
  { name: "Lineage", description: "OpenLineage intake from pipelines, and lineage closure for tools." },
  { name: "Reference", description: "This document." },
  { name: "Webhooks", description: "Events Steward sends to registered endpoints." },
];

/** Listed in the order the reference shows them. */
export const API_ROUTES: ApiRoute[] = [lineagePost, lineageGet];

/** An event Steward POSTs to registered endpoints (OpenAPI 3.1 `webhooks`), keyed by its name, e.g. `segment.paused`. */
export interface WebhookEvent {
  name: string;
  summary: string;
  description: string;
  payload: z.ZodType;
  /** Request headers Steward sends with it (the signature, its timestamp), by name. */
  headers?: Record<string, string>;
}

export const WEBHOOKS: WebhookEvent[] = [];
