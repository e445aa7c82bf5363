import { z } from "zod";
import { notFound } from "@/server/errors";
import { router, scopedProcedure } from "@/server/trpc/init";
import { decisionsForSegment } from "./service";

export const gateRouter = router({
  /** The gate's current answer for each channel the segment declares, from the same service the API uses. */
  forSegment: scopedProcedure("segment:read")
    .input(z.object({ segmentId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const answers = await decisionsForSegment(ctx.db, input.segmentId);
      if (!answers) throw notFound("That segment");
      return answers;
    }),
});
