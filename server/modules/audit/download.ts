import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { serverEnv } from "@/server/env";
import { hashAt } from "./chain";
import { exportBytes, toByteStream } from "./export-stream";
import { exportManifest, getExport, parseStoredFilters } from "./exports";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8; header=present", ndjson: "application/x-ndjson; charset=utf-8" } as const;

/** The path of both download routes: an id that is not a UUID names no export (404). */
export const exportParams = { params: z.object({ id: z.uuid() }), notFound: "The export" };

/** Streams an export's rows. Reads only: downloading records and changes nothing. */
export async function exportDownload(db: Db, id: string): Promise<Response> {
  const e = await getExport(db, id);
  const format = e.format === "ndjson" ? "ndjson" : "csv";
  const body = toByteStream(exportBytes(db, { filters: parseStoredFilters(e), upToSeq: e.upToSeq }, format));
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
