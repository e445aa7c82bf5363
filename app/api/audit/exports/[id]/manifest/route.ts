import { authorizeRoute } from "@/server/auth/route-guard";
import { getDb } from "@/server/db";
import { errorResponse, manifestDownload } from "@/server/modules/audit/download";

export const dynamic = "force-dynamic";

/** The export's manifest: row count, time range, filters and the chain hashes of its ends. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("audit:export");
  if (auth.denied) return auth.denied;
  const { id } = await params;
  return manifestDownload(await getDb(), id).catch(errorResponse);
}
