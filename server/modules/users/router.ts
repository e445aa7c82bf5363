import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { createUserInput, resetPasswordInput, setDisabledInput, updateRolesInput } from "./schemas";
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
  resetPassword: scopedProcedure("user:manage")
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => service.resetPassword(ctx.db, actorOf(ctx), input)),
});
