"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { useCan } from "./permissions";

/**
 * How many requests await the viewer's review, for the "Reviews" link in the navigation.
 * Renders nothing at 0; inside a link it adds ", N awaiting your review" to the link's name.
 */
export function ReviewsNavBadge({ className = "ml-1.5" }: { className?: string }) {
  const trpc = useTRPC();
  const canRead = useCan("review:read");
  const count = useQuery({ ...trpc.reviews.awaitingCount.queryOptions(), enabled: canRead, refetchInterval: 60_000 });
  const n = count.data ?? 0;
  if (n === 0) return null;
  return (
    <span className={`inline-flex min-w-5 items-center justify-center rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white ${className}`} data-testid="reviews-nav-badge">
      <span aria-hidden>{n > 99 ? "99+" : n}</span>
      <span className="sr-only">, {n} awaiting your review</span>
    </span>
  );
}
