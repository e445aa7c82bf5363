import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { changeOwnPasswordInput, createUserInput, setDisabledInput, setTemporaryPasswordInput, updateRolesInput } from "./schemas";
import { changeOwnPassword, setTemporaryPassword } from "./passwords";
import * as service from "./service";

export const usersRouter = router({
  list: scopedProcedure("user:read").query(({ ctx }) => service.listUsers(ctx.db)),
  create: scopedProcedure("user:manage")
    .input(createUserInput)
    .mutation(({ ctx, input }) => service.createUser(ctx.db, actorOf(ctx), input)),
  updateRoles: scopedProcedure("user:manage")
    .input(updateRolesInput)
    .mutation(({ ctx, input }) => service.updateRoles(ctx.db, actorOf(ctx), input)),
  setDisabled: scopedProcedure("user:manage")
    .input(setDisabledInput)
    .mutation(({ ctx, input }) => service.setDisabled(ctx.db, actorOf(ctx), input)),
  /** A temporary password for someone else; they must replace it at their next sign-in. */
  setTemporaryPassword: scopedProcedure("user:manage")
    .input(setTemporaryPasswordInput)
    .mutation(({ ctx, input }) => setTemporaryPassword(ctx.db, actorOf(ctx), input)),
  /** One's own password, with the current one; the only call allowed while a temporary password is pending. */
  changeOwnPassword: scopedProcedure("profile:edit", { whilePasswordChangeRequired: true })
    .input(changeOwnPasswordInput)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, actorOf(ctx), ctx.sessionId, input)),
});
