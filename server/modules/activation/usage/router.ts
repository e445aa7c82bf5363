import { z } from "zod";
import { router, scopedProcedure } from "@/server/trpc/init";
import { segmentUsage } from "./report";

export const usageRouter = router({
  /** The segment page's "Used by" panel. */
  bySegment: scopedProcedure("segment:read")
    .input(z.object({ segmentId: z.uuid() }))
    .query(({ ctx, input }) => segmentUsage(ctx.db, input.segmentId)),
});
