import { z } from "zod";
import { textField } from "@/domain/text";
import { MAX_CSV_CHARS, METRIC_CSV_KINDS } from "@/domain/metrics-csv";
import { spikeMultiple } from "@/server/modules/policy/schemas";
import { router, scopedProcedure } from "@/server/trpc/init";
import { actorOf } from "@/server/trpc/context";
import { consentPurposeList, consentReport, purposeReliance } from "./consent-report";
import { commitCsv, previewCsv } from "./csv-upload";
import { setSpikeMultiple } from "./spike-setting";

export const CONSENT_REPORT_WEEKS = [12, 26, 52] as const;

const csvInput = z.strictObject({
  kind: z.enum(METRIC_CSV_KINDS),
  csv: z.string().max(MAX_CSV_CHARS, `At most ${MAX_CSV_CHARS.toLocaleString("en")} characters per upload; split the file, or send it through the API.`),
});

/** The Consent page, a purpose's reliance panel, and the CSV upload of metrics. */
export const consentMetricsRouter = router({
  purposes: scopedProcedure("metrics:read").query(({ ctx }) => consentPurposeList(ctx.db)),
  /** Releases numbers (recorded in the privacy ledger), hence the actor. */
  report: scopedProcedure("metrics:read")
    .input(z.strictObject({ purposeId: z.uuid(), weeks: z.union(CONSENT_REPORT_WEEKS.map((w) => z.literal(w))) }))
    .query(({ ctx, input }) => consentReport(ctx.db, actorOf(ctx), input)),
  reliance: scopedProcedure("segment:read")
    .input(z.strictObject({ purposeId: z.uuid() }))
    .query(({ ctx, input }) => purposeReliance(ctx.db, input.purposeId)),
  setSpikeMultiple: scopedProcedure("metrics:privacy")
    .input(z.strictObject({ multiple: spikeMultiple, reason: textField(500).min(3, "Say why you are changing it (at least 3 characters).") }))
    .mutation(({ ctx, input }) => setSpikeMultiple(ctx.db, actorOf(ctx), input)),
  /** Checks a CSV file's rows as the API would; writes nothing (a mutation: the file is too big for a URL). */
  previewCsv: scopedProcedure("metrics:upload")
    .input(csvInput)
    .mutation(({ ctx, input }) => previewCsv(ctx.db, input)),
  commitCsv: scopedProcedure("metrics:upload")
    .input(csvInput)
    .mutation(({ ctx, input }) => commitCsv(ctx.db, actorOf(ctx), input)),
});
