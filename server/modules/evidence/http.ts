import { z } from "zod";
import { sessionRoute } from "@/server/http/route";
import { buildEvidencePack } from "./pack";

/** POST, because taking an evidence pack is recorded in the audit trail. */
export const evidencePost = sessionRoute("evidence pack", "evidence:export", { params: z.object({ id: z.uuid() }), notFound: "That segment" }, async ({ db, params, actor }) => {
  const { zip, filename } = await buildEvidencePack(db, actor, params.id);
  return new Response(zip as unknown as BodyInit, {
    headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
