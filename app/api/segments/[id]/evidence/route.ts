import { authorizeRoute } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { buildEvidencePack } from "@/server/modules/evidence/pack";
import { clientIp, requestIdOf } from "@/server/auth/identity";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST, because taking an evidence pack is recorded in the audit trail. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("evidence:export");
  if (auth.denied) return auth.denied;
  const { id } = await ctx.params;
  if (!UUID.test(id)) return Response.json({ error: { code: "NOT_FOUND", message: "That segment was not found." } }, { status: 404 });
  try {
    const { zip, filename } = await buildEvidencePack(await getDb(), { id: auth.user.id, label: auth.user.email, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent"), requestId: requestIdOf(req.headers) }, id);
    return new Response(zip as unknown as BodyInit, {
      headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return Response.json({ error: { code: "NOT_FOUND", message: err.message } }, { status: 404 });
    console.error("[steward] evidence pack failed:", err);
    return Response.json({ error: { code: "INTERNAL_SERVER_ERROR", message: "The evidence pack could not be built. Try again." } }, { status: 500 });
  }
}
