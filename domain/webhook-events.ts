/** The events Steward sends to webhook endpoints, and their names in the UI. Client-safe. */
export const WEBHOOK_EVENTS = ["segment.activated", "segment.paused", "segment.retired", "segment.blocked"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "segment.activated": "Segment activated",
  "segment.paused": "Segment paused",
  "segment.retired": "Segment retired",
  "segment.blocked": "Segment blocked (a consent change or finding now denies it)",
};

/** The test event the settings page sends; never enqueued by a change. */
export const WEBHOOK_TEST_EVENT = "webhook.test";
