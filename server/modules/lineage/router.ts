import { z } from "zod";
import { textField } from "@/domain/text";
import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { datasetName, nodeName } from "./schemas";
import { consentOrigins, impact, lineageGraph, mapDataset, reportedDatasets, unmapDataset } from "./service";
import { createToken, listTokens, revokeToken, TOKEN_SCOPES } from "./tokens.service";

const node = nodeName;

export const lineageRouter = router({
  graph: scopedProcedure("lineage:read")
    .input(
      z.object({
        node,
        direction: z.enum(["upstream", "downstream", "both"]).default("both"),
        depth: z.number().int().min(1).max(25).default(6),
        cap: z.number().int().min(1).max(2000).default(1000),
      }),
    )
    .query(({ ctx, input }) => lineageGraph(ctx.db, input)),
  consentOrigins: scopedProcedure("lineage:read")
    .input(z.object({ segmentId: z.uuid() }))
    .query(({ ctx, input }) => consentOrigins(ctx.db, input.segmentId)),
  impact: scopedProcedure("lineage:read")
    .input(z.object({ node }))
    .query(({ ctx, input }) => impact(ctx.db, input.node)),
  datasets: scopedProcedure("lineage:read")
    .input(z.object({ q: textField(200).optional() }))
    .query(({ ctx, input }) => reportedDatasets(ctx.db, input.q || undefined)),
  mapDataset: scopedProcedure("lineage:map")
    .input(datasetName.extend({ node: z.string().regex(/^(source|signal):[0-9a-f-]{36}$/, "Map onto a source or a signal.") }))
    .mutation(({ ctx, input }) => mapDataset(ctx.db, actorOf(ctx), input)),
  unmapDataset: scopedProcedure("lineage:map")
    .input(datasetName)
    .mutation(({ ctx, input }) => unmapDataset(ctx.db, actorOf(ctx), input)),
});

export const tokensRouter = router({
  list: scopedProcedure("token:manage").query(({ ctx }) => listTokens(ctx.db)),
  create: scopedProcedure("token:manage")
    .input(z.strictObject({ name: textField(100).min(1, "Name the token after what uses it."), scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Choose at least one scope.") }))
    .mutation(({ ctx, input }) => createToken(ctx.db, actorOf(ctx), input)),
  revoke: scopedProcedure("token:manage")
    .input(z.strictObject({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeToken(ctx.db, actorOf(ctx), input.id)),
});
