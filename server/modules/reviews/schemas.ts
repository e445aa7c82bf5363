import { z } from "zod";
import { REVIEW_DECISIONS, REVIEW_STATUSES, REVIEW_TYPES } from "@/domain/review-rules";
import { requestJustification, algorithmChangePayload, channelRulePayload, dataUsePayload, newSourcePayload } from "@/domain/review-proposals";
import { RETIRE_REASON_MESSAGE, RETIRE_REASON_MIN_LENGTH } from "@/domain/segment-lifecycle";
import { textField } from "@/domain/text";

// Mutation inputs are strict: a key they do not define is refused (400 naming it), not carried along unseen.
const justification = requestJustification;

export const submitSegmentInput = z.strictObject({ segmentId: z.uuid(), justification });

/** A bulk action on the segments list's selection: at most one page of it. */
export const MAX_BULK_SEGMENTS = 100;
const selection = z.array(z.uuid()).min(1, "Select at least one segment.").max(MAX_BULK_SEGMENTS, `At most ${MAX_BULK_SEGMENTS} segments at once.`);
export const bulkSubmitInput = z.strictObject({ segmentIds: selection, justification });
export const bulkPauseInput = z.strictObject({ segmentIds: selection, reason: textField(1000).default("") });
/**
 * Every other review type, one shape per type: what it is about (a signal or source, a segment,
 * nothing yet in the catalog, the policy) and what it proposes (domain/review-proposals).
 */
export const requestReviewInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("data_use"), subjectType: z.enum(["signal", "data_source"]), subjectId: z.uuid(), justification, payload: dataUsePayload }),
  z.strictObject({ type: z.literal("new_source"), justification, payload: newSourcePayload }),
  z.strictObject({ type: z.literal("algorithm_change"), segmentId: z.uuid(), justification, payload: algorithmChangePayload }),
  z.strictObject({ type: z.literal("channel_rule"), justification, payload: channelRulePayload }),
]);
export const decideInput = z.strictObject({
  requestId: z.uuid(),
  decision: z.enum(REVIEW_DECISIONS),
  comment: textField(4000).default(""),
});
export const requestIdInput = z.strictObject({ requestId: z.uuid() });
export const commentInput = z.strictObject({ requestId: z.uuid(), body: textField(4000).min(1, "Write a comment.") });
export const listRequestsInput = z.object({
  queue: z.enum(["awaiting_me", "mine", "open", "all"]).default("open"),
  type: z.enum(REVIEW_TYPES).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  overdue: z.boolean().optional(),
  subjectId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
/** Activate or pause: an optional reason for the audit trail. */
export const lifecycleRequestInput = z.strictObject({ segmentId: z.uuid(), reason: textField(1000).default("") });
export const undoPauseInput = z.strictObject({ segmentId: z.uuid() });
/** Retiring is final: say why (domain/segment-lifecycle). */
export const retireSegmentInput = z.strictObject({
  segmentId: z.uuid(),
  // prefault: a missing reason is checked as an empty one, so it gets the same message.
  reason: textField(1000).min(RETIRE_REASON_MIN_LENGTH, RETIRE_REASON_MESSAGE).prefault(""),
});
export const lifecycleInput = z.strictObject({
  segmentId: z.uuid(),
  action: z.enum(["activate", "pause", "retire"]),
  reason: textField(1000).default(""),
});
