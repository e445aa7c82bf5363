import { router, scopedProcedure } from "@/server/trpc/init";
import { runScheduledJobs } from "./run";

export const jobsRouter = router({
  runScheduled: scopedProcedure("jobs:run").mutation(({ ctx }) => runScheduledJobs(ctx.db)),
});
