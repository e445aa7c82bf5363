import { authorizeRoute } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";
import { errorResponse, exportDownload } from "@/server/modules/audit/download";

export const dynamic = "force-dynamic";

/** Downloads an export created with `audit.exports.create`, streamed from the database. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("audit:export");
  if (auth.denied) return auth.denied;
  const { id } = await params;
  return exportDownload(await getDb(), id).catch(errorResponse);
}
