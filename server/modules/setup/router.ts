import { publicProcedure, router } from "@/server/trpc/init";
import { createFirstAdmin, userCount } from "@/server/modules/users/service";
import { firstAdminInput } from "@/server/modules/users/schemas";

export const setupRouter = router({
  /** Whether first-run setup is still open (no user exists yet). */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: (await userCount(ctx.db)) === 0 })),
  createFirstAdmin: publicProcedure
    .input(firstAdminInput)
    .mutation(({ ctx, input }) =>
      createFirstAdmin(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId }),
    ),
});
