export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers HTTP. No database call, so a database outage does not get every
 * process restarted; readiness (/api/ready) is what takes a process out of rotation. No session:
 * the load balancer or orchestrator calling it has none, and it says nothing about the data.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
