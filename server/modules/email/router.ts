import { z } from "zod";
import { EMAIL_KINDS } from "@/domain/email-kinds";
import { actorOf } from "@/server/trpc/context";
import { router, scopedProcedure } from "@/server/trpc/init";
import { preferencesOf, setPreference } from "./preferences";

/** A person's own e-mail choices; nobody reads or changes anyone else's. */
export const emailRouter = router({
  preferences: scopedProcedure("profile:read").query(({ ctx }) => preferencesOf(ctx.db, ctx.user)),
  setPreference: scopedProcedure("profile:edit")
    .input(z.strictObject({ kind: z.enum(EMAIL_KINDS), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setPreference(ctx.db, ctx.user, actorOf(ctx), input)),
});
