import type { Db } from "@/server/db/client";
import { clientIp } from "@/server/auth/identity";
import { describeProblem, ingestRunEvent, parseOptions, runEventSchema } from "./openlineage";
import { closureQuery } from "./schemas";
import { closureOf } from "./service";
import { authenticateToken, touchToken, type TokenScope } from "./tokens.service";

const json = (status: number, body: unknown) => Response.json(body, { status });

function bearerOf(req: Request): string | null {
  const auth = req.headers.get("authorization");
  return auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
}

async function tokenFor(db: Db, req: Request, scope: TokenScope) {
  const check = await authenticateToken(db, bearerOf(req), scope);
  return check.ok ? { token: check.token } : { refused: json(check.status, { error: check.error }) };
}

/**
 * GET /api/v1/lineage?node=…&direction=upstream|downstream|both&depth=1…25&cap=1…10000: a node's
 * closure for pipelines and tools (what does this dataset feed?), with an API token (lineage:read).
 */
export async function handleLineageGet(db: Db, req: Request): Promise<Response> {
  const auth = await tokenFor(db, req, "lineage:read");
  if (auth.refused) return auth.refused;
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = closureQuery.safeParse(params, parseOptions);
  if (!parsed.success) return json(400, { error: describeProblem(parsed.error, "query"), field: parsed.error.issues[0]?.path.join(".") || "query" });
  try {
    const [result] = await Promise.all([closureOf(db, parsed.data), touchToken(db, auth.token.id)]);
    if (!result) return json(404, { error: `node: no lineage is recorded for ${parsed.data.node}`, field: "node" });
    return json(200, result);
  } catch (err) {
    console.error("[steward] lineage closure failed:", err);
    return json(500, { error: "Something went wrong on our side. Retry later." });
  }
}

/** POST /api/v1/lineage: OpenLineage RunEvent intake, authenticated with an API token (lineage:write). */
export async function handleLineagePost(db: Db, req: Request): Promise<Response> {
  const auth = await tokenFor(db, req, "lineage:write");
  if (auth.refused) return auth.refused;
  const token = auth.token;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "body: must be a JSON OpenLineage RunEvent", field: "body" });
  }
  const parsed = runEventSchema.safeParse(body, parseOptions);
  if (!parsed.success) return json(400, { error: describeProblem(parsed.error), field: parsed.error.issues[0]?.path.join(".") || "body" });
  try {
    const result = await ingestRunEvent(db, token, parsed.data, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return json(201, result);
  } catch (err) {
    console.error("[steward] lineage ingestion failed:", err);
    return json(500, { error: "Something went wrong on our side; the event was not recorded. Retry later." });
  }
}
