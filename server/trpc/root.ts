import { usageRouter } from "@/server/modules/activation/usage/router";
import { gateRouter } from "@/server/modules/activation/router";
import { auditRouter } from "@/server/modules/audit/router";
import { searchRouter, segmentsRouter, signalsRouter, sourcesRouter } from "@/server/modules/catalog/router";
import { authRouter } from "@/server/modules/auth/router";
import { consentMetricsRouter } from "@/server/modules/metrics/consent-router";
import { dashboardRouter } from "@/server/modules/dashboard/router";
import { lineageRouter, tokensRouter } from "@/server/modules/lineage/router";
import { policyRouter } from "@/server/modules/policy/router";
import { jobsRouter } from "@/server/modules/jobs/router";
import { emailRouter } from "@/server/modules/email/router";
import { notificationsRouter } from "@/server/modules/notifications/router";
import { metricsRouter } from "@/server/modules/metrics/router";
import { lifecycleRouter, reviewsRouter } from "@/server/modules/reviews/router";
import { setupRouter } from "@/server/modules/setup/router";
import { categoriesRouter, purposesRouter } from "@/server/modules/taxonomy/router";
import { usersRouter } from "@/server/modules/users/router";
import { webhooksRouter } from "@/server/modules/webhooks/router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  dashboard: dashboardRouter,
  users: usersRouter,
  purposes: purposesRouter,
  consentMetrics: consentMetricsRouter,
  categories: categoriesRouter,
  audit: auditRouter,
  sources: sourcesRouter,
  signals: signalsRouter,
  segments: segmentsRouter,
  search: searchRouter,
  policy: policyRouter,
  reviews: reviewsRouter,
  lifecycle: lifecycleRouter,
  notifications: notificationsRouter,
  email: emailRouter,
  jobs: jobsRouter,
  lineage: lineageRouter,
  tokens: tokensRouter,
  usage: usageRouter,
  gate: gateRouter,
  webhooks: webhooksRouter,
  metrics: metricsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
