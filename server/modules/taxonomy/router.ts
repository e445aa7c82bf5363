import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { createCategoryInput, createPurposeInput, listInput, restoreInput, retireInput, updateCategoryInput, updatePurposeInput } from "./schemas";
import * as service from "./service";

export const purposesRouter = router({
  list: scopedProcedure("purpose:read")
    .input(listInput)
    .query(({ ctx, input }) => service.listPurposes(ctx.db, input.includeRetired)),
  create: scopedProcedure("purpose:manage")
    .input(createPurposeInput)
    .mutation(({ ctx, input }) => service.createPurpose(ctx.db, actorOf(ctx), input)),
  update: scopedProcedure("purpose:manage")
    .input(updatePurposeInput)
    .mutation(({ ctx, input }) => service.updatePurpose(ctx.db, actorOf(ctx), input)),
  retire: scopedProcedure("purpose:manage")
    .input(retireInput)
    .mutation(({ ctx, input }) => service.setPurposeRetired(ctx.db, actorOf(ctx), input, true)),
  restore: scopedProcedure("purpose:manage")
    .input(restoreInput)
    .mutation(({ ctx, input }) => service.setPurposeRetired(ctx.db, actorOf(ctx), input, false)),
});

export const categoriesRouter = router({
  list: scopedProcedure("category:read")
    .input(listInput)
    .query(({ ctx, input }) => service.listCategories(ctx.db, input.includeRetired)),
  create: scopedProcedure("category:manage")
    .input(createCategoryInput)
    .mutation(({ ctx, input }) => service.createCategory(ctx.db, actorOf(ctx), input)),
  update: scopedProcedure("category:manage")
    .input(updateCategoryInput)
    .mutation(({ ctx, input }) => service.updateCategory(ctx.db, actorOf(ctx), input)),
  retire: scopedProcedure("category:manage")
    .input(retireInput)
    .mutation(({ ctx, input }) => service.setCategoryRetired(ctx.db, actorOf(ctx), input, true)),
  restore: scopedProcedure("category:manage")
    .input(restoreInput)
    .mutation(({ ctx, input }) => service.setCategoryRetired(ctx.db, actorOf(ctx), input, false)),
});
