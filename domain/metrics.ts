/** The vocabulary of outcome and consent metrics, shared by the ingest API, the UI and the schema. */

export const METRIC_GROUPS = ["treatment", "holdout"] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** Rows per POST to /api/v1/metrics/outcomes or /consent; more is a 413. */
export const MAX_METRIC_ROWS = 10_000;
