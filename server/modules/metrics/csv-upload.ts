/**
 * CSV upload of outcome and consent aggregates from the UI (metrics:upload): a preview that
 * checks every row the way the API does and names each row's problems, then a commit that sends
 * the rows through the API's own ingest (service.ts), which checks them again.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { csvRecordToRow, mapHeader, type MetricCsvKind } from "@/domain/metrics-csv";
import { MAX_METRIC_ROWS } from "@/domain/metrics";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { Db, DbOrTx } from "@/server/db/client";
import { apiTokens, consentPurposes, dataSources, segments, users } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { invalid } from "@/server/errors";
import { firstProblem, parseOptions } from "@/server/http/validation";
import { consentRow, outcomeRow, type ConsentRow, type IngestAnswer, type OutcomeRow } from "./schemas";
import { ingestConsent, ingestOutcomes } from "./service";

/** Rows shown in the preview: the first ones, and every row with a problem up to this many. */
const PREVIEW_ROWS = 50;

export interface CsvRowCheck {
  /** The line in the file (the header is line 1). */
  line: number;
  cells: Record<string, string | number>;
  /** "field: message", each as the API would word it. */
  errors: string[];
}

type Parsed = { kind: MetricCsvKind; fields: string[]; rows: Array<{ line: number; cells: Record<string, string | number>; parsed: OutcomeRow | ConsentRow | null; errors: string[] }> };

function parseCsv(kind: MetricCsvKind, text: string): Parsed {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (err) {
    throw invalid(`The file is not valid CSV: ${(err as Error).message}`, "csv");
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) throw invalid("The file has no rows under its header line.", "csv");
  if (body.length > MAX_METRIC_ROWS) throw invalid(`At most ${MAX_METRIC_ROWS.toLocaleString("en")} rows per upload (the file has ${body.length.toLocaleString("en")}); split it.`, "csv");
  const mapping = mapHeader(kind, header);
  if (!mapping.ok) throw invalid(mapping.message, "csv");
  const schema: z.ZodType<OutcomeRow | ConsentRow> = kind === "outcomes" ? outcomeRow : consentRow;
  const rows = body.map((record, i) => {
    const cells = csvRecordToRow(kind, mapping.fields, record);
    const errors: string[] = [];
    if (record.length > mapping.fields.length) errors.push(`has ${record.length} cells for ${mapping.fields.length} columns`);
    const result = schema.safeParse(cells, parseOptions);
    if (!result.success) {
      // Every problem of the row, each worded as the API's 400 words its first one.
      for (const issue of result.error.issues) errors.push(firstProblem({ issues: [issue] } as z.ZodError, "row").message);
    }
    return { line: i + 2, cells, parsed: result.success ? result.data : null, errors };
  });
  return { kind, fields: mapping.fields, rows };
}

/** The keys that name nothing, per row, and keys repeated within the file: the checks the ingest makes against the database. */
async function checkKeys(db: DbOrTx, p: Parsed) {
  const valid = p.rows.filter((r) => r.parsed);
  const known = async (keys: Set<string>, lookup: (k: string[]) => Promise<Array<{ key: string }>>) => new Set(keys.size ? (await lookup([...keys])).map((r) => r.key) : []);
  const seen = new Map<string, number>();
  if (p.kind === "outcomes") {
    const rows = valid as Array<(typeof valid)[number] & { parsed: OutcomeRow }>;
    const segs = await known(new Set(rows.map((r) => r.parsed.segment)), (k) => db.select({ key: segments.key }).from(segments).where(inArray(segments.key, k)));
    for (const r of rows) {
      if (!segs.has(r.parsed.segment)) r.errors.push(`segment: no segment has the key "${r.parsed.segment}"`);
      const key = `${r.parsed.date}|${r.parsed.segment}|${r.parsed.channel}|${r.parsed.group}`;
      if (seen.has(key)) r.errors.push(`repeats the date, segment, channel and group of line ${seen.get(key)}`);
      else seen.set(key, r.line);
    }
  } else {
    const rows = valid as Array<(typeof valid)[number] & { parsed: ConsentRow }>;
    const purposes = await known(new Set(rows.map((r) => r.parsed.purpose)), (k) =>
      db
        .select({ key: consentPurposes.key })
        .from(consentPurposes)
        .where(and(inArray(consentPurposes.key, k), isNull(consentPurposes.retiredAt))),
    );
    const sourceKeys = new Set(rows.flatMap((r) => (r.parsed.source ? [r.parsed.source] : [])));
    const sources = await known(sourceKeys, (k) => db.select({ key: dataSources.key }).from(dataSources).where(inArray(dataSources.key, k)));
    for (const r of rows) {
      if (!purposes.has(r.parsed.purpose)) r.errors.push(`purpose: no consent purpose has the key "${r.parsed.purpose}"`);
      if (r.parsed.source && !sources.has(r.parsed.source)) r.errors.push(`source: no data source has the key "${r.parsed.source}"`);
      const key = `${r.parsed.date}|${r.parsed.purpose}|${r.parsed.source ?? ""}|${r.parsed.jurisdiction ?? ""}`;
      if (seen.has(key)) r.errors.push(`repeats the date, purpose, source and jurisdiction of line ${seen.get(key)}`);
      else seen.set(key, r.line);
    }
  }
}

/** Every row checked; nothing is written. */
export async function previewCsv(db: DbOrTx, input: { kind: MetricCsvKind; csv: string }) {
  const p = parseCsv(input.kind, input.csv);
  await checkKeys(db, p);
  const withErrors = p.rows.filter((r) => r.errors.length);
  const shown = [...p.rows.slice(0, PREVIEW_ROWS), ...withErrors.filter((r) => r.line - 2 >= PREVIEW_ROWS).slice(0, PREVIEW_ROWS)];
  const dates = p.rows.flatMap((r) => (r.parsed ? [r.parsed.date] : [])).sort();
  return {
    kind: p.kind,
    fields: p.fields,
    total: p.rows.length,
    invalid: withErrors.length,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    rows: shown.map(({ line, cells, errors }): CsvRowCheck => ({ line, cells, errors })),
  };
}

/**
 * The API keys rows by the token that sent them; an upload is sent by the uploader's own upload
 * token, made on their first upload: revoked from the start and with no scopes, so it can never
 * be used to call the API. A person's uploads replace their own earlier rows, as a token's do.
 */
async function uploadToken(db: Db, actor: AuditActor): Promise<{ id: string; name: string }> {
  if (!actor.id) throw invalid("Sign in to upload.");
  const prefix = "csv-upload";
  const find = () =>
    db
      .select({ id: apiTokens.id, name: apiTokens.name })
      .from(apiTokens)
      .where(and(eq(apiTokens.createdById, actor.id!), eq(apiTokens.prefix, prefix)))
      .limit(1);
  const [existing] = await find();
  if (existing) return existing;
  return inTransaction(db, async (tx) => {
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id!));
    const name = `CSV uploads by ${user?.name ?? actor.label}`;
    // The hash is of nothing anyone holds (not hex, so no SHA-256 of a presented token equals it).
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, tokenHash: `csv-upload:${actor.id}`, prefix, scopes: [], createdById: actor.id!, revokedAt: new Date() })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { actor, action: "token.created", entityType: "api_token", entityId: row!.id, after: { name, scopes: [], prefix, revoked: true, purpose: "CSV uploads" } });
    return { id: row!.id, name };
  });
}

/** Stores the file's rows through the API's ingest, or nothing when any row has a problem. */
export async function commitCsv(db: Db, actor: AuditActor, input: { kind: MetricCsvKind; csv: string }): Promise<IngestAnswer> {
  const p = parseCsv(input.kind, input.csv);
  await checkKeys(db, p);
  const bad = p.rows.find((r) => r.errors.length);
  if (bad) throw invalid(`Line ${bad.line}: ${bad.errors[0]}. Nothing was stored; fix the file and upload it again.`, "csv");
  const token = await uploadToken(db, actor);
  const rows = p.rows.map((r) => r.parsed!);
  return input.kind === "outcomes" ? ingestOutcomes(db, actor, token, rows as OutcomeRow[]) : ingestConsent(db, actor, token, rows as ConsentRow[]);
}
