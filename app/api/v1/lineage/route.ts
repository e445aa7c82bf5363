import { getDb } from "@/server/db";
import { handleLineageGet, handleLineagePost } from "@/server/modules/lineage/http";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return handleLineagePost(await getDb(), req);
}

export async function GET(req: Request) {
  return handleLineageGet(await getDb(), req);
}
