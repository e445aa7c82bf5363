import { router, scopedProcedure } from "@/server/trpc/init";
import { dashboardSummary } from "./service";

export const dashboardRouter = router({
  summary: scopedProcedure("dashboard:read").query(({ ctx }) => dashboardSummary(ctx.db)),
});
