import { z } from "zod";
import { textField } from "@/domain/text";
import { REVIEW_STATUSES, REVIEW_TYPES } from "@/domain/review-rules";

const justification = textField(4000).min(10, "Explain why (at least 10 characters).");

export const submitSegmentInput = z.object({ segmentId: z.uuid(), justification });
export const requestReviewInput = z.object({
  type: z.enum(["data_use", "new_source", "algorithm_change", "channel_rule"]),
  subjectType: z.enum(["segment", "data_source", "signal"]),
  subjectId: z.uuid(),
  justification,
});
export const decideInput = z.object({
  requestId: z.uuid(),
  decision: z.enum(["approve", "reject", "request_changes"]),
  comment: textField(4000).default(""),
});
export const requestIdInput = z.object({ requestId: z.uuid() });
export const commentInput = z.object({ requestId: z.uuid(), body: textField(4000).min(1, "Write a comment.") });
export const listRequestsInput = z.object({
  queue: z.enum(["awaiting_me", "mine", "open", "all"]).default("open"),
  type: z.enum(REVIEW_TYPES).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  overdue: z.boolean().optional(),
  subjectId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export const lifecycleInput = z.object({
  segmentId: z.uuid(),
  action: z.enum(["activate", "pause", "retire"]),
  reason: textField(1000).default(""),
});
