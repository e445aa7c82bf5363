import { z } from "zod";
import { router, scopedProcedure } from "@/server/trpc/init";
import { consentOrigins, impact, lineageGraph } from "./service";

const node = z.string().regex(/^(source|signal|segment|purpose|channel|dataset|job):[^\s]+$/, "Name a node as kind:id, e.g. segment:<uuid>.");

export const lineageRouter = router({
  graph: scopedProcedure("lineage:read")
    .input(z.object({ node, direction: z.enum(["upstream", "downstream", "both"]).default("both"), depth: z.number().int().min(1).max(25).default(6), cap: z.number().int().min(1).max(2000).default(1000) }))
    .query(({ ctx, input }) => lineageGraph(ctx.db, input)),
  consentOrigins: scopedProcedure("lineage:read").input(z.object({ segmentId: z.uuid() })).query(({ ctx, input }) => consentOrigins(ctx.db, input.segmentId)),
  impact: scopedProcedure("lineage:read").input(z.object({ node })).query(({ ctx, input }) => impact(ctx.db, input.node)),
});
