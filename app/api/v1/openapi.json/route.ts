import { openApiGet } from "@/server/openapi/http";

export const dynamic = "force-dynamic";

export const GET = openApiGet;
