import { desc, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { auditExports } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { notFound } from "@/server/errors";
import { chainHead, hashAt } from "./chain";
import { EXPORT_COLUMNS } from "./export-stream";
import { filterConditions } from "./queries";
import { auditFiltersInput, type AuditFiltersInput, type ExportFormat } from "./schemas";
import { inTransaction } from "@/server/db/transaction";

export type AuditExport = typeof auditExports.$inferSelect;

const CANONICAL_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Filters as stored: only those given, dates as ISO text. */
function storedFilters(f: AuditFiltersInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") out[k] = v instanceof Date ? v.toISOString() : String(v);
  return out;
}

/**
 * Creates an export: fixes its contents (filters plus the chain head now), computes its manifest,
 * and audits who exported what, all in one transaction. The rows are streamed later, by the
 * download route; creating the export reads no rows beyond the manifest's aggregates.
 */
export async function createExport(db: Db, actor: AuditActor, input: { format: ExportFormat; filters: AuditFiltersInput }): Promise<AuditExport> {
  return inTransaction(db, async (tx) => {
    const upToSeq = (await chainHead(tx))?.seq ?? 0;
    const where = sql.join([...filterConditions(input.filters), sql`seq <= ${upToSeq}`], sql` AND `);
    const [stats] = rowsOf<{ n: string | number; first_seq: string | number | null; last_seq: string | number | null; min_at: string | null; max_at: string | null }>(
      await tx.execute(sql`
        SELECT count(*) AS n, min(seq) AS first_seq, max(seq) AS last_seq,
               to_char(min(occurred_at) AT TIME ZONE 'UTC', ${sql.raw(CANONICAL_TIME)}) AS min_at,
               to_char(max(occurred_at) AT TIME ZONE 'UTC', ${sql.raw(CANONICAL_TIME)}) AS max_at
        FROM audit_events WHERE ${where}`),
    );
    const firstSeq = stats?.first_seq == null ? null : Number(stats.first_seq);
    const lastSeq = stats?.last_seq == null ? null : Number(stats.last_seq);
    const [row] = await tx
      .insert(auditExports)
      .values({
        createdById: actor.id,
        createdByLabel: actor.label,
        format: input.format,
        filters: storedFilters(input.filters),
        upToSeq,
        rowCount: Number(stats?.n ?? 0),
        firstSeq,
        lastSeq,
        firstHash: firstSeq == null ? null : ((await hashAt(tx, firstSeq))?.hash ?? null),
        lastHash: lastSeq == null ? null : ((await hashAt(tx, lastSeq))?.hash ?? null),
        firstOccurredAt: stats?.min_at ?? null,
        lastOccurredAt: stats?.max_at ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "audit.exported",
      entityType: "audit_export",
      entityId: row!.id,
      after: { format: row!.format, filters: row!.filters, upToSeq, rowCount: row!.rowCount },
    });
    return row!;
  });
}

export async function getExport(db: Db, id: string): Promise<AuditExport> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("The export");
  const [row] = await db
    .select()
    .from(auditExports)
    .where(sql`${auditExports.id} = ${id}`);
  if (!row) throw notFound("The export");
  return row;
}

export async function listExports(db: Db, limit: number): Promise<AuditExport[]> {
  return db.select().from(auditExports).orderBy(desc(auditExports.createdAt)).limit(limit);
}

/** What was exported, how to check it, and where it sits in the chain. */
export function exportManifest(e: AuditExport, chainHeadHash: string | null) {
  return {
    format: "steward-audit-export-manifest/1",
    export_id: e.id,
    file_format: e.format,
    created_at: e.createdAt.toISOString(),
    created_by: e.createdByLabel,
    filters: e.filters,
    row_count: e.rowCount,
    time_range: { from: e.firstOccurredAt, to: e.lastOccurredAt },
    first_row: e.firstSeq == null ? null : { seq: e.firstSeq, hash: e.firstHash },
    last_row: e.lastSeq == null ? null : { seq: e.lastSeq, hash: e.lastHash },
    chain_head_at_export: { seq: e.upToSeq, hash: chainHeadHash },
    columns: EXPORT_COLUMNS,
    hash_rule:
      "hash = hex(sha256(canonical bytes)) in the row's hash_version: version 2 hashes 0x02, prev_hash, 0x00, seq (int64), id (16 bytes), occurred_at (int64 microseconds since 2000-01-01 UTC), actor_id (0x00 if null, else 0x01 and 16 bytes), then each of actor_label … user_agent as UTF-8 (0xFF if null) followed by 0x00; version 1 hashes prev_hash and the first 14 columns as UTF-8 text with 0x00 between them and 0xFF for null. Every event's prev_hash is the hash of the event before it. See the README, 'The hash chain'; `npm run audit:verify-export` checks a file.",
  };
}

/** Reads the stored filters back into the shape the queries take. */
export function parseStoredFilters(e: AuditExport): AuditFiltersInput {
  return auditFiltersInput.parse(e.filters);
}
