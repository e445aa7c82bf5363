import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_BATCH_SIZE } from "@/domain/trpc-limits";
import type { InnerContext } from "./context";
import { appRouter } from "./root";

/** The HTTP face of the API, shared by the route handler and the HTTP-level tests. */
export function handleTrpcRequest(req: Request, createContext: () => Promise<InnerContext>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One request must not fan out into unbounded work.
    maxBatchSize: MAX_BATCH_SIZE,
    createContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[steward] tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
