import { lineageGet, lineagePost } from "@/server/modules/lineage/http";

export const dynamic = "force-dynamic";

export const POST = lineagePost;
export const GET = lineageGet;
