import { evidencePost } from "@/server/modules/evidence/http";

export const dynamic = "force-dynamic";

export const POST = evidencePost;
