import { z } from "zod";
import { actorOf } from "@/server/trpc/context";
import { router, scopedProcedure } from "@/server/trpc/init";
import { segmentPerformance } from "./performance";

/** Segment outcome reports (#20). The Consent page's procedures live in consent-router.ts. */
export const metricsRouter = router({
  performance: scopedProcedure("metrics:read")
    .input(z.strictObject({ segmentId: z.uuid({ error: "Choose a segment." }), period: z.enum(["day", "week", "month"], { error: "Choose day, week or month." }) }))
    .query(({ ctx, input }) => segmentPerformance(ctx.db, actorOf(ctx), input)),
});
