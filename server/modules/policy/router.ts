import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { draftFindingsInput, grantExceptionInput, listExceptionsInput, revokeExceptionInput, updatePolicyInput } from "./schemas";
import * as service from "./policy.service";
import { findingCounts } from "./finding-counts";
import { currentPolicy } from "./settings.service";
import { draftFindings } from "./draft-findings";

export const policyRouter = router({
  current: scopedProcedure("policy:read").query(({ ctx }) => currentPolicy(ctx.db)),
  versions: scopedProcedure("policy:read").query(({ ctx }) => service.policyVersions(ctx.db)),
  findingCounts: scopedProcedure("policy:read").query(({ ctx }) => findingCounts(ctx.db)),
  /** A segment's findings as it stands in the form, before it is saved; writes nothing. */
  draftFindings: scopedProcedure("policy:read")
    .input(draftFindingsInput)
    .query(({ ctx, input }) => draftFindings(ctx.db, input)),
  update: scopedProcedure("policy:manage")
    .input(updatePolicyInput)
    .mutation(({ ctx, input }) => service.updatePolicy(ctx.db, actorOf(ctx), input)),
  exceptions: scopedProcedure("policy:read")
    .input(listExceptionsInput)
    .query(({ ctx, input }) => service.listExceptions(ctx.db, input)),
  grantException: scopedProcedure("exception:grant")
    .input(grantExceptionInput)
    .mutation(({ ctx, input }) => service.grantException(ctx.db, actorOf(ctx), input)),
  revokeException: scopedProcedure("exception:grant")
    .input(revokeExceptionInput)
    .mutation(({ ctx, input }) => service.revokeException(ctx.db, actorOf(ctx), input)),
});
