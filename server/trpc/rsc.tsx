import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { createRequestContext } from "./request-context";
import { appRouter } from "./root";

/** One query client per request, so server components share prefetched data. */
export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  ctx: async () => createRequestContext(await headers()),
  router: appRouter,
  queryClient: getQueryClient,
});

/** A server-side caller, for guards in layouts and pages. */
export const serverCaller = cache(async () => appRouter.createCaller(await createRequestContext(await headers())));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
