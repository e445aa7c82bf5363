import { actorOf } from "@/server/trpc/context";
import { router, scopedProcedure } from "@/server/trpc/init";
import { findingsOverTime, reviewAgeing, withdrawalsThisMonth } from "./charts";
import { dashboardSummary } from "./service";

export const dashboardRouter = router({
  summary: scopedProcedure("dashboard:read").query(({ ctx }) => dashboardSummary(ctx.db)),
  findingsOverTime: scopedProcedure("dashboard:read").query(({ ctx }) => findingsOverTime(ctx.db)),
  reviewAgeing: scopedProcedure("dashboard:read").query(({ ctx }) => reviewAgeing(ctx.db)),
  /** People counts, so released through the privacy rules (and recorded in their ledger). */
  withdrawalsThisMonth: scopedProcedure("metrics:read").query(({ ctx }) => withdrawalsThisMonth(ctx.db, actorOf(ctx))),
});
