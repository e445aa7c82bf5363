import { decisionGet } from "@/server/modules/activation/http";

export const dynamic = "force-dynamic";

export const GET = decisionGet;
