import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { uuidArray } from "@/server/db/arrays";
import { notifications } from "@/server/db/schema";
import { router, scopedProcedure } from "@/server/trpc/init";

export const notificationsRouter = router({
  list: scopedProcedure("profile:read").query(({ ctx }) => ctx.db.select().from(notifications).where(eq(notifications.userId, ctx.user.id)).orderBy(desc(notifications.createdAt)).limit(50)),
  unreadCount: scopedProcedure("profile:read").query(async ({ ctx }) => {
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
    return row?.n ?? 0;
  }),
  /** Marks the caller's own notifications read; nobody else's can be touched. */
  markRead: scopedProcedure("profile:read")
    .input(z.strictObject({ ids: z.array(z.uuid()).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const mine = and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt));
      await ctx.db
        .update(notifications)
        .set({ readAt: sql`now()` })
        .where(input.ids?.length ? and(mine, sql`${notifications.id} = ANY(${uuidArray(input.ids)})`) : mine);
      return { ok: true };
    }),
});
