import { z } from "zod";
import { boundedIsoDate, wholeNumber } from "@/domain/bounds";
import { MAX_METRIC_ROWS, METRIC_GROUPS } from "@/domain/metrics";
import { textField } from "@/domain/text";
import { CHANNELS, JURISDICTIONS } from "@/domain/vocab";

/**
 * The metrics ingest API's request and answer shapes, for the route handlers and the OpenAPI
 * document alike. Rows are strict objects: a field that is not listed (an e-mail address, a
 * customer id) is refused, so no person-level data can slip in.
 */

/** 10,000 rows of about 250 bytes each, with room to spare; above the default body limit on purpose. */
export const METRICS_MAX_BODY_BYTES = 8 * 1024 * 1024;

const oneOf = (values: readonly string[]) => (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be one of ${values.join(", ")}`);
const count = wholeNumber(0, undefined, "must be a whole number of at least 0");

/** The latest calendar day anywhere on Earth (UTC+14) is not in the future for its sender. */
export function latestAcceptedDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}
const day = boundedIsoDate({ error: "must be a date (YYYY-MM-DD)" }).refine((d) => d <= latestAcceptedDate(), "must not be in the future");

/** A key as the catalog spells it; whether it names something is checked against the database. */
const catalogKey = (what: string) => textField(200).min(1, `must name a ${what}`);

export const outcomeRow = z
  .strictObject({
    date: day,
    segment: catalogKey("segment"),
    channel: z.enum(CHANNELS, { error: oneOf(CHANNELS) }),
    group: z.enum(METRIC_GROUPS, { error: oneOf(METRIC_GROUPS) }),
    reached: count,
    conversions: count,
    revenue: z.number({ error: "must be a number of at least 0" }).min(0, "must be a number of at least 0").max(1e13, "must be below 10,000,000,000,000"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code (EUR, USD …)"),
    sends: count.optional(),
    opens: count.optional(),
    clicks: count.optional(),
  })
  .refine((r) => r.conversions <= r.reached, { path: ["conversions"], message: "must not be more than reached" });
export type OutcomeRow = z.infer<typeof outcomeRow>;

export const consentRow = z.strictObject({
  date: day,
  purpose: catalogKey("consent purpose"),
  /** A data source's key. */
  source: catalogKey("data source").optional(),
  jurisdiction: z.enum(JURISDICTIONS, { error: oneOf(JURISDICTIONS) }).optional(),
  consented: count,
  optIns: count,
  withdrawals: count,
});
export type ConsentRow = z.infer<typeof consentRow>;

const rows = <T extends z.ZodType>(row: T) => z.strictObject({ rows: z.array(row).min(1, "send at least one row").max(MAX_METRIC_ROWS) });
export const outcomeBatch = rows(outcomeRow);
export const consentBatch = rows(consentRow);

export const ingestAnswer = z.object({
  /** Rows stored, each replacing an earlier row with the same key from the same token, if any. */
  accepted: z.number().int().min(0),
  /** How many of them replaced an earlier row. */
  replaced: z.number().int().min(0),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type IngestAnswer = z.infer<typeof ingestAnswer>;
