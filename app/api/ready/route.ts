import { readiness } from "@/server/runtime/health";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 when this process should get traffic, 503 when not (database
 * unreachable or slow, migrations missing, or the process is stopping). No session, like
 * /api/health; the answer names only which check failed, never why.
 */
export async function GET() {
  const result = await readiness();
  return Response.json({ status: result.ready ? "ready" : "not ready", checks: result.checks }, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
