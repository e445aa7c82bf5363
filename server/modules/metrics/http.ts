import { MAX_METRIC_ROWS } from "@/domain/metrics";
import { apiRoute } from "@/server/http/api-route";
import { HttpError } from "@/server/http/errors";
import { touchToken } from "@/server/modules/lineage/tokens.service";
import { consentBatch, ingestAnswer, METRICS_MAX_BODY_BYTES, outcomeBatch } from "./schemas";
import { ingestConsent, ingestOutcomes } from "./service";

/** More than MAX_METRIC_ROWS rows is a 413, counted before the schema walks them or any query runs. */
function countRows(raw: unknown) {
  const rows = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as { rows?: unknown }).rows : undefined;
  if (Array.isArray(rows) && rows.length > MAX_METRIC_ROWS) {
    throw new HttpError(413, "PAYLOAD_TOO_LARGE", `rows: at most ${MAX_METRIC_ROWS.toLocaleString("en")} rows per call (${rows.length} sent); split the batch.`, "rows");
  }
}

const REFUSALS =
  "A row that does not validate, naming the row and field (`rows.3.conversions: must not be more than reached`): a field that is not listed (no person-level data), a negative count, a date in the future or not a date, an unknown key, or a key sent twice in one batch. Nothing of the batch is stored.";

/**
 * POST /api/v1/metrics/outcomes: aggregate outcomes per segment, day, channel and group (token
 * scope metrics:write). Rows are upserted by (date, segment, channel, group, token): posting
 * again replaces. One audit event per accepted batch.
 */
export const outcomesPost = apiRoute(
  {
    method: "POST",
    path: "/api/v1/metrics/outcomes",
    tag: "Metrics",
    summary: "Report outcome aggregates",
    description: `Up to ${MAX_METRIC_ROWS.toLocaleString("en")} rows of aggregate outcomes per segment, UTC day, channel and group (\`treatment\` or \`holdout\`). Each row replaces the one with the same date, segment, channel and group sent earlier with the same token. Aggregates only: rows are strict, so a field that is not listed is refused. The whole batch is stored, and audited once, or nothing is.`,
    scope: "metrics:write",
    body: outcomeBatch,
    maxBodyBytes: () => METRICS_MAX_BODY_BYTES,
    precheck: countRows,
    responses: { 200: { description: "The batch was stored.", schema: ingestAnswer } },
    errors: { 400: REFUSALS, 413: `More than ${MAX_METRIC_ROWS.toLocaleString("en")} rows (counted before any work), or a body over 8 MB.` },
    example: {
      body: {
        rows: [
          {
            date: "2026-11-30",
            segment: "frequent_buyers",
            channel: "email",
            group: "treatment",
            reached: 12000,
            conversions: 540,
            revenue: 27000.5,
            currency: "EUR",
            sends: 12500,
            opens: 6100,
            clicks: 900,
          },
          { date: "2026-11-30", segment: "frequent_buyers", channel: "email", group: "holdout", reached: 1300, conversions: 41, revenue: 1980, currency: "EUR" },
        ],
      },
    },
  },
  async ({ db, body, token, actor }) => {
    const [answer] = await Promise.all([ingestOutcomes(db, actor, token, body.rows), touchToken(db, token.id)]);
    return Response.json(answer);
  },
);

/** POST /api/v1/metrics/consent: aggregate consent per purpose, day, source and jurisdiction (metrics:write), upserted likewise. */
export const consentPost = apiRoute(
  {
    method: "POST",
    path: "/api/v1/metrics/consent",
    tag: "Metrics",
    summary: "Report consent aggregates",
    description: `Up to ${MAX_METRIC_ROWS.toLocaleString("en")} rows of aggregate consent per purpose, UTC day and, optionally, data source (its key) and jurisdiction: people consented at the end of the day, opt-ins and withdrawals. Each row replaces the one with the same date, purpose, source and jurisdiction sent earlier with the same token. Rows are strict; the whole batch is stored, and audited once, or nothing is.`,
    scope: "metrics:write",
    body: consentBatch,
    maxBodyBytes: () => METRICS_MAX_BODY_BYTES,
    precheck: countRows,
    responses: { 200: { description: "The batch was stored.", schema: ingestAnswer } },
    errors: { 400: REFUSALS, 413: `More than ${MAX_METRIC_ROWS.toLocaleString("en")} rows (counted before any work), or a body over 8 MB.` },
    example: { body: { rows: [{ date: "2026-11-30", purpose: "marketing.email", source: "crm", jurisdiction: "EU", consented: 48210, optIns: 312, withdrawals: 95 }] } },
  },
  async ({ db, body, token, actor }) => {
    const [answer] = await Promise.all([ingestConsent(db, actor, token, body.rows), touchToken(db, token.id)]);
    return Response.json(answer);
  },
);
