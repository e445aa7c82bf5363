import { openApiDocument } from "./document";

/**
 * GET /api/v1/openapi.json: public, as the reference describes the API's shapes and no data, so
 * tools and code generators can fetch it without a token. Built once per process (document.ts);
 * no database, no admission turn.
 */
export function openApiGet(): Response {
  return new Response(openApiDocument().json, {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
