import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { serverEnv } from "@/server/env";
import { issueCheckpoint } from "./checkpoints";
import { createExport, listExports } from "./exports";
import { createExportInput, listAuditInput, listExportsInput, verifyInput } from "./schemas";
import { listAuditEvents } from "./service";
import { verifyTrail } from "./verify";

const exportsRouter = router({
  create: scopedProcedure("audit:export")
    .input(createExportInput)
    .mutation(({ ctx, input }) => createExport(ctx.db, actorOf(ctx), input)),
  list: scopedProcedure("audit:export")
    .input(listExportsInput)
    .query(({ ctx, input }) => listExports(ctx.db, input.limit)),
});

export const auditRouter = router({
  list: scopedProcedure("audit:read")
    .input(listAuditInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
  /** Runs on demand; a POST so that a checkpoint file can travel with it. Reads only. */
  verify: scopedProcedure("audit:verify")
    .input(verifyInput)
    .mutation(({ ctx, input }) => verifyTrail(ctx.db, input.checkpoint, serverEnv().checkpointKey)),
  checkpointStatus: scopedProcedure("audit:verify").query(() => ({ keyConfigured: serverEnv().checkpointKey !== null })),
  signCheckpoint: scopedProcedure("audit:verify").mutation(({ ctx }) => issueCheckpoint(ctx.db, actorOf(ctx))),
  exports: exportsRouter,
});
