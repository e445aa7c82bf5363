import { decisionsPost } from "@/server/modules/activation/http";

export const dynamic = "force-dynamic";

export const POST = decisionsPost;
