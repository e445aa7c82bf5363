import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_BATCH_SIZE } from "@/domain/trpc-limits";
import { serverEnv } from "@/server/env";
import { readBody } from "@/server/http/body";
import { errorResponse } from "@/server/http/errors";
import { checkJsonContentType, checkSameOrigin, declaresBody } from "@/server/http/guards";
import type { TRPCError } from "@trpc/server";
import { DomainError } from "@/server/errors";
import { processAdmission, type AdmissionLimiter } from "@/server/http/admission";
import { log } from "@/server/log";
import type { InnerContext } from "./context";
import { toTRPCError } from "./errors";
import { appRouter } from "./root";

export interface TrpcHttpOptions {
  maxBodyBytes?: number;
  appOrigin?: string | null;
  /** The process's limiter by default (server/http/admission.ts); tests pass their own. */
  admission?: AdmissionLimiter;
}

/**
 * The HTTP face of the API, shared by the route handler and the HTTP-level tests. Mutations
 * (every POST) come from Steward's own pages only, as JSON, and their body is read here within
 * the limit before tRPC sees it: tRPC would otherwise read any size, and accept form encodings
 * for procedures without input.
 */
export async function handleTrpcRequest(req: Request, createContext: () => Promise<InnerContext>, opts: TrpcHttpOptions = {}) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      checkSameOrigin(req.headers, opts.appOrigin === undefined ? serverEnv().appOrigin : opts.appOrigin);
      checkJsonContentType(req.headers, declaresBody(req.headers));
      const body = await readBody(req, opts.maxBodyBytes ?? serverEnv().maxBodyBytes);
      req = new Request(req.url, { method: req.method, headers: req.headers, body: body.byteLength ? (body as Uint8Array<ArrayBuffer>) : null, signal: req.signal });
    } catch (err) {
      return errorResponse(err, "tRPC request");
    }
  }
  let release: (() => void) | null = null;
  let refused: TRPCError | null = null;
  try {
    release = await (opts.admission ?? processAdmission()).acquire();
  } catch (err) {
    // Refused: tRPC still answers, so that every call of a batch gets its error in tRPC's shape.
    refused = toTRPCError(err);
    if (!refused) throw err;
  }
  try {
    return await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      // One request must not fan out into unbounded work.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: refused
        ? () => {
            throw refused;
          }
        : createContext,
      responseMeta({ errors }) {
        // A 503 says when to come back (server/errors.ts gives the delay).
        const retryAfter = errors.map((e) => (e.cause instanceof DomainError ? e.cause.retryAfterSeconds : undefined)).find((s) => s !== undefined);
        return retryAfter === undefined ? {} : { headers: new Headers({ "retry-after": String(retryAfter) }) };
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
        else if (error.code === "SERVICE_UNAVAILABLE" && error.cause?.cause) log.warn({ err: error.cause.cause, path }, error.message);
      },
    });
  } finally {
    release?.();
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One request must not fan out into unbounded work.
    maxBatchSize: MAX_BATCH_SIZE,
    createContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, procedure: path ?? null }, `tRPC ${path ?? "?"} failed`);
    },
  });
}
