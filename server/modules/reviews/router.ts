import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { changeLifecycle, undoPause } from "./lifecycle";
import * as queries from "./queries";
import * as requests from "./requests";
import { requestReview } from "./proposals";
import { pauseSegments, submitSegments } from "./bulk";
import {
  bulkPauseInput,
  bulkSubmitInput,
  commentInput,
  decideInput,
  lifecycleRequestInput,
  listRequestsInput,
  requestIdInput,
  requestReviewInput,
  retireSegmentInput,
  submitSegmentInput,
  undoPauseInput,
} from "./schemas";

export const reviewsRouter = router({
  list: scopedProcedure("review:read")
    .input(listRequestsInput)
    .query(({ ctx, input }) => queries.listRequests(ctx.db, ctx.user, input)),
  byId: scopedProcedure("review:read")
    .input(requestIdInput)
    .query(({ ctx, input }) => queries.requestById(ctx.db, ctx.user, input.requestId)),
  awaitingCount: scopedProcedure("review:read").query(({ ctx }) => queries.awaitingCount(ctx.db, ctx.user)),
  submitSegment: scopedProcedure("review:request")
    .input(submitSegmentInput)
    .mutation(({ ctx, input }) => requests.submitSegment(ctx.db, ctx.user, actorOf(ctx), input)),
  /** The segments list's bulk submit: each selected segment as submitSegment, each answered. */
  submitSegments: scopedProcedure("review:request")
    .input(bulkSubmitInput)
    .mutation(({ ctx, input }) => submitSegments(ctx.db, ctx.user, actorOf(ctx), input)),
  /** A data-use, new-source, algorithm-change or channel-rule request, pinned to what it is about. */
  request: scopedProcedure("review:request")
    .input(requestReviewInput)
    .mutation(({ ctx, input }) => requestReview(ctx.db, ctx.user, actorOf(ctx), input)),
  decide: scopedProcedure("review:decide")
    .input(decideInput)
    .mutation(({ ctx, input }) => requests.decide(ctx.db, ctx.user, actorOf(ctx), input)),
  withdraw: scopedProcedure("review:request")
    .input(requestIdInput)
    .mutation(({ ctx, input }) => requests.withdraw(ctx.db, ctx.user, actorOf(ctx), input.requestId)),
  comment: scopedProcedure("review:comment")
    .input(commentInput)
    .mutation(({ ctx, input }) => requests.comment(ctx.db, ctx.user, actorOf(ctx), input)),
});

export const lifecycleRouter = router({
  activate: scopedProcedure("segment:activate")
    .input(lifecycleRequestInput)
    .mutation(({ ctx, input }) => changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "activate" })),
  pause: scopedProcedure("segment:pause")
    .input(lifecycleRequestInput)
    .mutation(({ ctx, input }) => changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "pause" })),
  /** The segments list's bulk pause: each selected segment as pause, each answered. */
  pauseMany: scopedProcedure("segment:pause")
    .input(bulkPauseInput)
    .mutation(({ ctx, input }) => pauseSegments(ctx.db, ctx.user, actorOf(ctx), input)),
  retire: scopedProcedure("segment:retire")
    .input(retireSegmentInput)
    .mutation(({ ctx, input }) => changeLifecycle(ctx.db, ctx.user, actorOf(ctx), { ...input, action: "retire" })),
  /** Undoing one's own pause is part of pausing: the same scope, and the lifecycle table asks whose pause it was. */
  undoPause: scopedProcedure("segment:pause")
    .input(undoPauseInput)
    .mutation(({ ctx, input }) => undoPause(ctx.db, ctx.user, actorOf(ctx), input.segmentId)),
});
