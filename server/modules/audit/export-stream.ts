import type { Readable } from "node:stream";
import type { Sql } from "postgres";
import { and, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { CANONICAL_FIELDS } from "@/server/audit/canonical";
import { csvRow } from "@/domain/csv";
import { crlfRecords } from "./crlf";
import { filterConditions } from "./queries";
import type { AuditFiltersInput, ExportFormat } from "./schemas";

/** Export columns: the hashed fields in canonical order, then the hash's encoding version and the chain hashes. */
export const EXPORT_COLUMNS = [...CANONICAL_FIELDS, "hash_version", "prev_hash", "hash"] as const;
type Column = (typeof EXPORT_COLUMNS)[number];
type TextRow = Record<Column, string | null>;

const TIME = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Every column as PostgreSQL's text, exactly the values the hash covers. */
const TEXT_COLUMNS: Record<Column, string> = {
  seq: "seq::text",
  id: "id::text",
  occurred_at: TIME,
  actor_id: "actor_id::text",
  actor_label: "actor_label",
  action: "action",
  entity_type: "entity_type",
  entity_id: "entity_id",
  before: "before::text",
  after: "after::text",
  reason: "reason",
  request_id: "request_id",
  ip: "ip",
  user_agent: "user_agent",
  hash_version: "hash_version::text",
  prev_hash: "prev_hash",
  hash: "hash",
};
const SELECT_TEXT = sql.raw(EXPORT_COLUMNS.map((c) => `${TEXT_COLUMNS[c]} AS ${c}`).join(", "));

/** A cell a spreadsheet would run as a formula gets a leading ' (see csv.ts); in SQL for COPY. */
const neutralised = (expr: string) => `CASE WHEN left(${expr}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${expr} ELSE ${expr} END`;
/** jsonb text can only start with one of those as a negative number; checked without printing twice. */
const neutralisedJson = (col: string) => `CASE WHEN jsonb_typeof(${col}) = 'number' AND ${col}::text LIKE '-%' THEN '''' || ${col}::text ELSE ${col}::text END`;
const CSV_SAFE: Record<Column, string> = {
  ...TEXT_COLUMNS,
  ...Object.fromEntries(["actor_label", "action", "entity_type", "entity_id", "reason", "request_id", "ip", "user_agent"].map((c) => [c, neutralised(c)])),
  before: neutralisedJson("before"),
  after: neutralisedJson("after"),
};
const SELECT_CSV = sql.raw(EXPORT_COLUMNS.map((c) => `${CSV_SAFE[c]} AS ${c}`).join(", "));

const q = (s: string) => `to_json(${s})::text`;
/**
 * One NDJSON line, built in SQL so both drivers write the same bytes; JSON stays jsonb's text.
 * UUIDs and the formatted time cannot need JSON escaping, so they are quoted directly (to_json
 * is the costly part of the line).
 */
export const NDJSON_LINE = sql.raw(
  `'{"seq":' || seq || ',"id":"' || id::text || '","occurred_at":"' || ${TIME} ||
  '","actor_id":' || coalesce('"' || actor_id::text || '"', 'null') || ',"actor_label":' || ${q("actor_label")} ||
  ',"action":' || ${q("action")} || ',"entity_type":' || ${q("entity_type")} ||
  ',"entity_id":' || coalesce(${q("entity_id")}, 'null') || ',"before":' || coalesce(before::text, 'null') ||
  ',"after":' || coalesce(after::text, 'null') || ',"reason":' || coalesce(${q("reason")}, 'null') ||
  ',"request_id":' || coalesce(${q("request_id")}, 'null') || ',"ip":' || coalesce(${q("ip")}, 'null') ||
  ',"user_agent":' || coalesce(${q("user_agent")}, 'null') || ',"hash_version":' || hash_version || ',"prev_hash":' || ${q("prev_hash")} ||
  ',"hash":' || ${q("hash")} || '}'`,
);

const dialect = new PgDialect({ casing: "snake_case" });

export interface ExportSelection {
  filters: AuditFiltersInput;
  /** Only events up to this chain position (the head when the export was created). */
  upToSeq: number;
}

function whereOf(sel: ExportSelection, opts: { afterSeq?: number; inline?: boolean } = {}): SQL {
  const upTo = opts.inline ? sql.raw(String(Math.trunc(sel.upToSeq))) : sql`${sel.upToSeq}`;
  return and(...filterConditions(sel.filters, { inline: opts.inline }), sql`seq <= ${upTo}`, opts.afterSeq === undefined ? undefined : sql`seq > ${opts.afterSeq}`)!;
}

type CopyQuery = { readable: () => Promise<Readable>; cancel: () => void };
type PostgresJs = { unsafe: (query: string) => CopyQuery };

function postgresClient(db: Db): PostgresJs | null {
  const client = (db as unknown as { $client: { unsafe?: unknown } }).$client;
  return typeof client.unsafe === "function" ? (client as unknown as PostgresJs) : null;
}

/**
 * The selected events in chain order, a page at a time (keyset on seq), as text rows or NDJSON
 * lines. PGlite's path, and the reference the COPY path is tested against.
 */
export async function* exportPages(db: Db, sel: ExportSelection, select: "text" | "ndjson", pageSize = 2000): AsyncGenerator<Array<TextRow & { line?: string }>> {
  const columns = select === "ndjson" ? sql`seq::text AS seq, ${NDJSON_LINE} AS line` : SELECT_TEXT;
  let after = 0;
  for (;;) {
    const rows = rowsOf<TextRow & { line?: string }>(
      await db.execute(sql`SELECT ${columns} FROM audit_events WHERE ${whereOf(sel, { afterSeq: after })} ORDER BY audit_events.seq LIMIT ${pageSize}`),
    );
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** The export in keyset pages, encoded in JS: PGlite (no COPY TO STDOUT stream there). */
async function* pagedBytes(db: Db, sel: ExportSelection, format: ExportFormat): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  if (format === "csv") yield encoder.encode(csvRow(EXPORT_COLUMNS));
  for await (const rows of exportPages(db, sel, format === "csv" ? "text" : "ndjson")) {
    let out = "";
    if (format === "csv") for (const r of rows) out += csvRow(EXPORT_COLUMNS.map((c) => r[c]));
    else for (const r of rows) out += `${r.line}\n`;
    yield encoder.encode(out);
  }
}

/**
 * The export straight from PostgreSQL's COPY … TO STDOUT: the server writes the CSV (RFC 4180
 * quoting; formulas neutralised in the SELECT) or the NDJSON lines, and Node only passes bytes
 * on, turning CSV record ends into CRLF.
 */
async function* copyBytes(client: PostgresJs, sel: ExportSelection, format: ExportFormat, opts: { owned?: boolean } = {}): AsyncGenerator<Uint8Array> {
  const select = format === "csv" ? SELECT_CSV : sql`${NDJSON_LINE} AS line`;
  const query = dialect.sqlToQuery(sql`SELECT ${select} FROM audit_events WHERE ${whereOf(sel, { inline: true })} ORDER BY audit_events.seq`);
  if (query.params.length > 0) throw new Error("COPY takes no bind parameters");
  // NDJSON lines hold no raw control characters (JSON escapes them), so with a quote and a
  // delimiter that never occur, CSV mode writes each line verbatim (text mode would double \).
  const options = format === "csv" ? "FORMAT csv, HEADER" : "FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01'";
  const copy = client.unsafe(`COPY (${query.sql}) TO STDOUT (${options})`);
  const stream = await copy.readable();
  if (opts.owned) {
    // Destroying the connection fails the stream and the query; the iterator below still sees
    // the stream's error, and nobody else is waiting for either.
    stream.on("error", () => {});
    (copy as unknown as Promise<unknown>).catch(() => {});
  }
  // Not destroyed when the consumer stops early: the connection must first see the COPY end.
  const chunks = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  let finished = false;
  try {
    yield* format === "csv" ? crlfRecords(chunks) : chunks;
    finished = true;
  } finally {
    // A connection of the export's own is destroyed by its owner: nothing to hand back clean.
    if (!opts.owned) releasePooled(stream, copy, finished);
  }
}

/** Leaves a pooled connection ready for its next query after a COPY, finished or not. */
function releasePooled(stream: Readable, copy: CopyQuery, finished: boolean) {
  if (!finished) {
    // The download was abandoned: cancel the COPY and drain what is in flight, so that the
    // connection sees the cancellation and goes back to the pool.
    stream.on("error", () => {});
    copy.cancel();
    stream.resume();
  }
  // postgres-js pauses its socket when the stream's buffer is full and resumes it only from
  // the stream's read(), which is not called again once the stream has ended: without this
  // the connection would never read the next reply (seen with a slow reader at the end).
  (stream as unknown as { _read: (size: number) => void })._read(0);
}

/** The export file as a byte stream, in constant memory on either driver. */
export function exportBytes(db: Db, sel: ExportSelection, format: ExportFormat): AsyncGenerator<Uint8Array> {
  const client = postgresClient(db);
  return client ? copyBytes(client, sel, format) : pagedBytes(db, sel, format);
}

/** The export on a connection of its own (server/db/dedicated.ts); the caller destroys the connection. */
export function exportBytesOn(sql: Sql, sel: ExportSelection, format: ExportFormat): AsyncGenerator<Uint8Array> {
  return copyBytes(sql as unknown as PostgresJs, sel, format, { owned: true });
}

export interface ByteStreamOptions {
  /**
   * A client that has not asked for the next chunk for this long has stalled: the stream ends
   * with an error and `onEnd` runs, so that a stalled download does not hold its connection.
   */
  idleTimeoutMs?: number;
  /** Runs once, however the stream ends: finished, failed, cancelled by the client, or idle. */
  onEnd?: () => void;
}

/** A byte stream that reads the next chunk only when the client is ready for it. */
export function toByteStream(chunks: AsyncGenerator<Uint8Array>, opts: ByteStreamOptions = {}): ReadableStream<Uint8Array> {
  let idle: NodeJS.Timeout | undefined;
  let ended = false;
  const end = () => {
    clearTimeout(idle);
    if (ended) return;
    ended = true;
    opts.onEnd?.();
  };
  // Armed while the stream waits for the client to ask for more (from the start: a response
  // whose body is never read must not hold its connection either).
  const arm = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (opts.idleTimeoutMs === undefined || ended) return;
    idle = setTimeout(() => {
      // First `end` (it destroys a dedicated connection), so that the generator is not left waiting on it.
      end();
      controller.error(new Error("The client stopped reading the export."));
      chunks.return(undefined).catch(() => {});
    }, opts.idleTimeoutMs);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        arm(controller);
      },
      async pull(controller) {
        clearTimeout(idle);
        try {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            end();
            return;
          }
          controller.enqueue(next.value);
          arm(controller);
        } catch (err) {
          end();
          controller.error(err);
        }
      },
      // The client went away: end the generator, which ends the query.
      async cancel() {
        end();
        await chunks.return(undefined).catch(() => {});
      },
    },
    { highWaterMark: 1 },
  );
}
