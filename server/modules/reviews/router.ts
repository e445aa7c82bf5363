import { uuidArray } from "@/server/db/arrays";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/server/db/schema";
import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { commentInput, decideInput, listRequestsInput, requestIdInput, requestReviewInput, submitSegmentInput } from "./schemas";
import * as service from "./service";

export const reviewsRouter = router({
  list: scopedProcedure("review:read").input(listRequestsInput).query(({ ctx, input }) => service.listRequests(ctx.db, ctx.user, input)),
  byId: scopedProcedure("review:read").input(requestIdInput).query(({ ctx, input }) => service.requestById(ctx.db, ctx.user, input.requestId)),
  awaitingCount: scopedProcedure("review:read").query(({ ctx }) => service.awaitingCount(ctx.db, ctx.user)),
  submitSegment: scopedProcedure("review:request").input(submitSegmentInput).mutation(({ ctx, input }) => service.submitSegment(ctx.db, ctx.user, actorOf(ctx), input)),
  request: scopedProcedure("review:request").input(requestReviewInput).mutation(({ ctx, input }) => service.requestReview(ctx.db, ctx.user, actorOf(ctx), input)),
  decide: scopedProcedure("review:decide").input(decideInput).mutation(({ ctx, input }) => service.decide(ctx.db, ctx.user, actorOf(ctx), input)),
  withdraw: scopedProcedure("review:request").input(requestIdInput).mutation(({ ctx, input }) => service.withdraw(ctx.db, ctx.user, actorOf(ctx), input.requestId)),
  comment: scopedProcedure("review:comment").input(commentInput).mutation(({ ctx, input }) => service.comment(ctx.db, ctx.user, actorOf(ctx), input)),
});

const segmentIdInput = z.object({ segmentId: z.uuid(), reason: z.string().trim().max(1000).default("") });

export const lifecycleRouter = router({
  activate: scopedProcedure("segment:activate").input(segmentIdInput).mutation(({ ctx, input }) => service.changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "activate" })),
  pause: scopedProcedure("segment:pause").input(segmentIdInput).mutation(({ ctx, input }) => service.changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "pause" })),
  retire: scopedProcedure("segment:retire").input(segmentIdInput).mutation(({ ctx, input }) => service.changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "retire" })),
});

export const notificationsRouter = router({
  list: scopedProcedure("profile:read").query(({ ctx }) =>
    ctx.db.select().from(notifications).where(eq(notifications.userId, ctx.user.id)).orderBy(desc(notifications.createdAt)).limit(50),
  ),
  unreadCount: scopedProcedure("profile:read").query(async ({ ctx }) => {
    const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
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

export const jobsRouter = router({
  runScheduled: scopedProcedure("jobs:run").mutation(({ ctx }) => service.runScheduledReviews(ctx.db)),
});
