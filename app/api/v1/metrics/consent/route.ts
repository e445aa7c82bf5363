import { consentPost } from "@/server/modules/metrics/http";

export const dynamic = "force-dynamic";

export const POST = consentPost;
