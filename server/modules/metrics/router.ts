import { z } from "zod";
import { textField } from "@/domain/text";
import { differentialPrivacySettings } from "@/server/modules/policy/schemas";
import { actorOf } from "@/server/trpc/context";
import { router, scopedProcedure } from "@/server/trpc/init";
import { performanceCsvExport, segmentPerformance } from "./performance";
import { releaseWithNoise } from "./performance-noise";
import { setPrivacyMode, setPrivacyPolicy } from "./privacy-mode";

const reportInput = z.strictObject({ segmentId: z.uuid({ error: "Choose a segment." }), period: z.enum(["day", "week", "month"], { error: "Choose day, week or month." }) });
const reason = textField(500).min(3, "Say why (at least 3 characters).");

/** Segment outcome reports (#20). The Consent page's procedures live in consent-router.ts. */
export const metricsRouter = router({
  performance: scopedProcedure("metrics:read")
    .input(reportInput)
    .query(({ ctx, input }) => segmentPerformance(ctx.db, actorOf(ctx), input)),
  /** The report as CSV (a mutation: what it releases is recorded in the ledger as leaving by CSV). */
  exportCsv: scopedProcedure("metrics:read")
    .input(reportInput)
    .mutation(({ ctx, input }) => performanceCsvExport(ctx.db, actorOf(ctx), input)),
  /** With differential privacy: releases today's numbers with noise, spending from the month's budget. */
  releaseWithNoise: scopedProcedure("metrics:read")
    .input(reportInput)
    .mutation(({ ctx, input }) => releaseWithNoise(ctx.db, actorOf(ctx), input)),
  /** A segment's reports with noise (true), without (false), or as the policy says (null). */
  setPrivacyMode: scopedProcedure("metrics:privacy")
    .input(z.strictObject({ segmentId: z.uuid({ error: "Choose a segment." }), differentialPrivacy: z.boolean().nullable(), reason }))
    .mutation(({ ctx, input }) => setPrivacyMode(ctx.db, actorOf(ctx), input)),
  /** The policy's default for segments, the monthly budget and the epsilon per release. */
  setPrivacyPolicy: scopedProcedure("metrics:privacy")
    .input(z.strictObject({ settings: differentialPrivacySettings, reason }))
    .mutation(({ ctx, input }) => setPrivacyPolicy(ctx.db, actorOf(ctx), input)),
});
