import { auditRouter } from "@/server/modules/audit/router";
import { authRouter } from "@/server/modules/auth/router";
import { dashboardRouter } from "@/server/modules/dashboard/router";
import { setupRouter } from "@/server/modules/setup/router";
import { categoriesRouter, purposesRouter } from "@/server/modules/taxonomy/router";
import { usersRouter } from "@/server/modules/users/router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  dashboard: dashboardRouter,
  users: usersRouter,
  purposes: purposesRouter,
  categories: categoriesRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
