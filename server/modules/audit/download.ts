import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { serverEnv } from "@/server/env";
import { hashAt } from "./chain";
import { openDedicated, type DedicatedConnection } from "@/server/db/dedicated";
import { DomainError } from "@/server/errors";
import { exportBytes, exportBytesOn, toByteStream } from "./export-stream";
import { exportManifest, getExport, parseStoredFilters } from "./exports";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8; header=present", ndjson: "application/x-ndjson; charset=utf-8" } as const;

/** The path of both download routes: an id that is not a UUID names no export (404). */
export const exportParams = { params: z.object({ id: z.uuid() }), notFound: "The export" };

/** Downloads streaming now, process-wide (on globalThis: dev-mode reloads keep the count). */
const downloads = globalThis as unknown as { __stewardExportDownloads?: { active: number } };
const counter = () => (downloads.__stewardExportDownloads ??= { active: 0 });

export interface DownloadLimits {
  maxConcurrent: number;
  idleTimeoutMs: number;
}

const configuredLimits = (): DownloadLimits => ({ maxConcurrent: serverEnv().admission.maxConcurrentExports, idleTimeoutMs: serverEnv().admission.exportIdleTimeoutMs });

/**
 * Streams an export's rows. Reads only: downloading records and changes nothing. On PostgreSQL
 * the COPY runs on a connection of its own, destroyed when the download ends, the client goes
 * away, or stops reading for STEWARD_EXPORT_IDLE_TIMEOUT; at most STEWARD_MAX_CONCURRENT_EXPORTS
 * download at once, and one more is told so (429) rather than queued.
 */
export async function exportDownload(db: Db, id: string, limits: DownloadLimits = configuredLimits()): Promise<Response> {
  const e = await getExport(db, id);
  const format = e.format === "ndjson" ? "ndjson" : "csv";
  const active = counter();
  if (active.active >= limits.maxConcurrent) {
    throw new DomainError(
      "RATE_LIMITED",
      `${limits.maxConcurrent === 1 ? "An audit export is" : `${limits.maxConcurrent} audit exports are`} downloading now, the most Steward streams at once. Try again when one has finished.`,
      { retryAfterSeconds: 10 },
    );
  }
  active.active++;
  let released = false;
  let dedicated: DedicatedConnection | null = null;
  const release = () => {
    if (released) return;
    released = true;
    active.active--;
    void dedicated?.destroy();
  };
  let body: ReadableStream<Uint8Array>;
  try {
    dedicated = await openDedicated(db);
    const sel = { filters: parseStoredFilters(e), upToSeq: e.upToSeq };
    body = toByteStream(dedicated ? exportBytesOn(dedicated.sql, sel, format) : exportBytes(db, sel, format), { idleTimeoutMs: limits.idleTimeoutMs, onEnd: release });
  } catch (err) {
    release();
    throw err;
  }
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="steward-audit-${e.id}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // The client shows progress against this; the body length is not known up front.
      "x-steward-row-count": String(e.rowCount),
    },
  });
}

/** The manifest as a JSON file, signed with the checkpoint key when one is configured. */
export async function manifestDownload(db: Db, id: string): Promise<Response> {
  const e = await getExport(db, id);
  const manifest = exportManifest(e, e.upToSeq > 0 ? ((await hashAt(db, e.upToSeq))?.hash ?? null) : null);
  const key = serverEnv().checkpointKey;
  const text = JSON.stringify(manifest, null, 2);
  const signed = key
    ? {
        ...manifest,
        signature: {
          algorithm: "HMAC-SHA256",
          over: "this JSON without the signature member, as JSON.stringify(manifest, null, 2)",
          value: createHmac("sha256", key).update(text).digest("hex"),
        },
      }
    : manifest;
  return new Response(`${JSON.stringify(signed, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="steward-audit-${e.id}.manifest.json"`,
      "cache-control": "no-store",
    },
  });
}
