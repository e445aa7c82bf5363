/**
 * CSV rows of outcome and consent aggregates as the ingest API's row objects: the header names
 * the fields (as the API spells them; case and `_` or `-` between words do not matter), numbers
 * are read as numbers, and an empty cell is a field left out. Whether a row is valid is then
 * decided by the API's own schemas (server/modules/metrics/schemas.ts), so the upload and the API
 * cannot disagree. Pure.
 */

export const METRIC_CSV_KINDS = ["outcomes", "consent"] as const;
export type MetricCsvKind = (typeof METRIC_CSV_KINDS)[number];

const NUMERIC: Record<MetricCsvKind, readonly string[]> = {
  outcomes: ["reached", "conversions", "revenue", "sends", "opens", "clicks"],
  consent: ["consented", "optIns", "withdrawals"],
};
export const CSV_FIELDS: Record<MetricCsvKind, readonly string[]> = {
  outcomes: ["date", "segment", "channel", "group", "reached", "conversions", "revenue", "currency", "sends", "opens", "clicks"],
  consent: ["date", "purpose", "source", "jurisdiction", "consented", "optIns", "withdrawals"],
};

/** An upload's text, at most: below the request body limit with room for JSON's escapes. */
export const MAX_CSV_CHARS = 900_000;

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]/g, "");

export type HeaderMapping = { ok: true; fields: string[] } | { ok: false; message: string };

/** The field each column holds; a column that names no field, or a field named twice, is refused (so no person-level column slips in). */
export function mapHeader(kind: MetricCsvKind, header: readonly string[]): HeaderMapping {
  const known = new Map(CSV_FIELDS[kind].map((f) => [squash(f), f]));
  const fields: string[] = [];
  for (const [i, raw] of header.entries()) {
    const field = known.get(squash(raw.trim()));
    if (!field) return { ok: false, message: `Column ${i + 1} (“${raw.trim()}”) is not a field of ${kind} rows. The fields are: ${CSV_FIELDS[kind].join(", ")}.` };
    if (fields.includes(field)) return { ok: false, message: `The column “${field}” appears twice.` };
    fields.push(field);
  }
  return { ok: true, fields };
}

/**
 * A record as the API's row object. A numeric cell becomes a number when it reads as one
 * (thousands separators are not guessed at: "1,200" stays text and is refused by the schema);
 * other cells stay text, trimmed.
 */
export function csvRecordToRow(kind: MetricCsvKind, fields: readonly string[], record: readonly string[]): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  fields.forEach((field, i) => {
    const cell = (record[i] ?? "").trim();
    if (cell === "") return;
    row[field] = NUMERIC[kind].includes(field) && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  });
  return row;
}
