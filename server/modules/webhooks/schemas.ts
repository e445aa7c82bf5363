import { z } from "zod";
import { WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT } from "@/domain/webhook-events";

/**
 * The JSON bodies Steward POSTs to webhook endpoints. The outbox builds them through these
 * schemas (parse before write), and the OpenAPI document registers the same ones.
 */
export const webhookReason = z.object({
  code: z.string().describe("Stable machine code, e.g. recertification_overdue"),
  message: z.string().describe("The reason in plain words"),
});

export const webhookSegment = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
});

export const segmentEventPayload = z.object({
  id: z.uuid().describe("Event id, also sent as Steward-Event-Id: deduplicate on it (delivery is at least once)"),
  type: z.enum(WEBHOOK_EVENTS),
  createdAt: z.iso.datetime({ offset: true }).describe("When the change committed's transaction wrote the event"),
  data: z.object({
    segment: webhookSegment,
    version: z.number().int().min(1).describe("The segment's version in force (head version when none was approved)"),
    status: z.string().describe("The segment's status after the change"),
    reasons: z.array(webhookReason),
  }),
});
export type SegmentEventPayload = z.infer<typeof segmentEventPayload>;

export const testEventPayload = z.object({
  id: z.uuid(),
  type: z.literal(WEBHOOK_TEST_EVENT),
  createdAt: z.iso.datetime({ offset: true }),
  data: z.object({ message: z.string() }),
});

/** Any body an endpoint may receive. */
export const webhookPayload = z.discriminatedUnion("type", [segmentEventPayload, testEventPayload]);

/** Headers on every delivery (documented in the README). */
export const WEBHOOK_HEADERS = {
  signature: "Steward-Signature",
  eventId: "Steward-Event-Id",
  eventType: "Steward-Event-Type",
  attempt: "Steward-Delivery-Attempt",
} as const;
