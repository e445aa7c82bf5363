import { z } from "zod";
import { REVIEW_STATUSES, REVIEW_TYPES } from "@/domain/review-rules";

// Mutation inputs are strict: a key they do not define is refused (400 naming it), not carried along unseen.
const justification = z.string().trim().min(10, "Explain why (at least 10 characters).").max(4000);

export const submitSegmentInput = z.strictObject({ segmentId: z.uuid(), justification });
export const requestReviewInput = z.strictObject({
  type: z.enum(["data_use", "new_source", "algorithm_change", "channel_rule"]),
  subjectType: z.enum(["segment", "data_source", "signal"]),
  subjectId: z.uuid(),
  justification,
});
export const decideInput = z.strictObject({
  requestId: z.uuid(),
  decision: z.enum(["approve", "reject", "request_changes"]),
  comment: z.string().trim().max(4000).default(""),
});
export const requestIdInput = z.strictObject({ requestId: z.uuid() });
export const commentInput = z.strictObject({ requestId: z.uuid(), body: z.string().trim().min(1, "Write a comment.").max(4000) });
export const listRequestsInput = z.object({
  queue: z.enum(["awaiting_me", "mine", "open", "all"]).default("open"),
  type: z.enum(REVIEW_TYPES).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  overdue: z.boolean().optional(),
  subjectId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export const lifecycleInput = z.strictObject({
  segmentId: z.uuid(),
  action: z.enum(["activate", "pause", "retire"]),
  reason: z.string().trim().max(1000).default(""),
});
