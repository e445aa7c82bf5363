import { scopesOf } from "@/server/authz/policy";
import { SIGN_IN_LIMITS } from "@/server/auth/settings";
import { serverEnv } from "@/server/env";
import { passwordStatusOf } from "@/server/modules/users/service";
import { router, scopedProcedure } from "@/server/trpc/init";

export const authRouter = router({
  /** The signed-in user with their roles and the scopes those grant (the UI hides what they lack). */
  me: scopedProcedure("profile:read", { whilePasswordChangeRequired: true }).query(async ({ ctx }) => ({
    ...ctx.user,
    mustChangePassword: ctx.user.mustChangePassword === true,
    scopes: [...scopesOf(ctx.user.roles)],
    ...(await passwordStatusOf(ctx.db, ctx.user.id)),
  })),
  /** Sign-in settings as configured; secrets are never returned. */
  settings: scopedProcedure("settings:read").query(() => {
    const { oidc, sessionIdleMinutes } = serverEnv();
    return {
      localAccounts: true,
      sessionIdleMinutes,
      rateLimit: SIGN_IN_LIMITS,
      oidc: oidc
        ? {
            issuer: oidc.issuer,
            clientId: oidc.clientId,
            displayName: oidc.displayName,
            rolesClaim: oidc.rolesClaim,
            roleMap: oidc.roleMap,
            defaultRoles: oidc.defaultRoles,
          }
        : null,
    };
  }),
});
