import { publicProcedure, router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { createFirstAdmin, userCount } from "@/server/modules/users/service";
import { firstAdminInput } from "@/server/modules/users/schemas";
import { loadSampleWorkspace } from "@/server/modules/catalog/sample/load";

export const setupRouter = router({
  /** Whether first-run setup is still open (no user exists yet). */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: (await userCount(ctx.db)) === 0 })),
  createFirstAdmin: publicProcedure.input(firstAdminInput).mutation(({ ctx, input }) => createFirstAdmin(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId })),
  /** Loads the sample retailer's catalog; refused unless the catalog is empty. */
  loadSample: scopedProcedure("workspace:load_sample").mutation(({ ctx }) => loadSampleWorkspace(ctx.db, ctx.user, actorOf(ctx))),
});
