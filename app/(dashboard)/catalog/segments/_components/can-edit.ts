"use client";

import { useCan, useViewer } from "@/components/shell/permissions";
import type { SegmentStatus } from "@/domain/vocab";

/**
 * Mirrors the server's rule: stewards edit any segment; owners edit their own except while it is
 * in review or retired (editing an approved or active one makes a new draft version).
 */
export function useCanEditSegment(segment: { ownerId: string; status: SegmentStatus } | undefined): boolean {
  const viewer = useViewer();
  const canEdit = useCan("segment:edit");
  const canEditAny = useCan("segment:edit_any");
  if (!segment) return false;
  if (canEditAny) return true;
  return canEdit && segment.ownerId === viewer.id && segment.status !== "in_review" && segment.status !== "retired";
}
