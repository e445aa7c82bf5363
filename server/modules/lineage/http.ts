import type { Db } from "@/server/db/client";
import { clientIp } from "@/server/trpc/context";
import { describeProblem, ingestRunEvent, runEventSchema } from "./openlineage";
import { authenticateToken } from "./tokens.service";

const json = (status: number, body: unknown) => Response.json(body, { status });

/** POST /api/v1/lineage: OpenLineage RunEvent intake, authenticated with an API token (lineage:write). */
export async function handleLineagePost(db: Db, req: Request): Promise<Response> {
  const auth = req.headers.get("authorization");
  const bearer = auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
  const token = await authenticateToken(db, bearer, "lineage:write");
  if (!token) {
    return json(401, { error: bearer ? "This API token is unknown, revoked, or lacks the lineage:write scope." : "Send an API token as 'Authorization: Bearer <token>'." });
  }
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "body: must be a JSON OpenLineage RunEvent", field: "body" });
  }
  const parsed = runEventSchema.safeParse(body);
  if (!parsed.success) return json(400, { error: describeProblem(parsed.error), field: parsed.error.issues[0]?.path.join(".") || "body" });
  try {
    const result = await ingestRunEvent(db, token, parsed.data, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return json(201, result);
  } catch (err) {
    console.error("[steward] lineage ingestion failed:", err);
    return json(500, { error: "Something went wrong on our side; the event was not recorded. Retry later." });
  }
}
