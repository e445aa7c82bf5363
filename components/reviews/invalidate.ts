"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

/** After any review or lifecycle action: requests, counts, notifications, the segment itself and its gate answers may all change. */
export function useInvalidateReviews() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
      qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
      qc.invalidateQueries({ queryKey: trpc.segments.pathKey() }),
      // The activation gate's answers on the segment page follow the status.
      qc.invalidateQueries({ queryKey: trpc.gate.pathKey() }),
    ]);
}
