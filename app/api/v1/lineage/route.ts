import { getDb } from "@/server/db";
import { handleLineagePost } from "@/server/modules/lineage/http";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return handleLineagePost(await getDb(), req);
}
