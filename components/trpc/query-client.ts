import { defaultShouldDehydrateQuery, environmentManager, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * 4xx answers will not change on retry; only retry what may be transient. On the server, never
 * (TanStack Query's own default there): a prefetch that fails is handed to the browser, which
 * asks again; retrying on the server would hold the page's stream open through the back-off.
 */
export function shouldRetry(failureCount: number, error: unknown, onServer: boolean = environmentManager.isServer()): boolean {
  if (onServer) return false;
  const status = (error as { data?: { httpStatus?: number } })?.data?.httpStatus;
  if (status && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

/**
 * A query the server started (prefetched) and that failed there reaches the browser as the error
 * "redacted": TanStack Query hides server errors. Asking again at once gets the real answer (a
 * not-found node, say) without the usual back-off's wait.
 */
export function retryDelay(failureCount: number, error: unknown): number {
  if (failureCount === 0 && error instanceof Error && error.message === "redacted") return 0;
  return Math.min(1000 * 2 ** failureCount, 30_000); // TanStack Query's default
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
