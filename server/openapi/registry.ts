/**
 * Everything the OpenAPI document (document.ts) describes. To document a new /api/v1 route,
 * declare it with `apiRoute` (server/http/api-route.ts) and add it to API_ROUTES; to document a
 * webhook event, add its payload schema to WEBHOOKS. openapi.int.test.ts fails while a route
 * file under app/api/v1 exports a handler that is not listed here.
 */
import type { z } from "zod";
import type { ApiRoute } from "@/server/http/api-route";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT } from "@/domain/webhook-events";
import { decisionGet, decisionsPost, pingGet } from "@/server/modules/activation/http";
import { lineageGet, lineagePost } from "@/server/modules/lineage/http";
import { consentPost, outcomesPost } from "@/server/modules/metrics/http";
import { segmentEventPayload, testEventPayload, WEBHOOK_HEADERS } from "@/server/modules/webhooks/schemas";

/** The reference's groups, in the order it shows them; each route names one as its `tag`. */
/** Webhook operations go under this tag, inside the viewer's own "Webhooks" section. */
export const WEBHOOK_TAG = "Segment events";

export const TAGS: Array<{ name: string; description: string }> = [
  { name: "Activation", description: "The activation gate: may a segment run on a channel now, and why not." },
  { name: "Lineage", description: "OpenLineage intake from pipelines, and lineage closure for tools." },
  { name: "Metrics", description: "Aggregate outcome and consent metrics from activation platforms and consent tools." },
  { name: "Reference", description: "This document." },
  { name: "Segment events", description: "What Steward sends to registered webhook endpoints when a segment changes (and the test event)." },
];

/** Listed in the order the reference shows them. */
export const API_ROUTES: ApiRoute[] = [decisionGet, decisionsPost, lineagePost, lineageGet, outcomesPost, consentPost, pingGet];

/** An event Steward POSTs to registered endpoints (OpenAPI 3.1 `webhooks`), keyed by its name, e.g. `segment.paused`. */
export interface WebhookEvent {
  name: string;
  summary: string;
  description: string;
  payload: z.ZodType;
  /** Request headers Steward sends with it (the signature, its timestamp), by name. */
  headers?: Record<string, string>;
}

/** Sent with every delivery; README "Webhooks" shows how to check the signature. */
const DELIVERY_HEADERS: Record<string, string> = {
  [WEBHOOK_HEADERS.signature]:
    '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the endpoint\'s signing secret. Compare in constant time, and refuse a `t` more than 5 minutes from now (replays).',
  [WEBHOOK_HEADERS.eventId]: "The event's id, the same on every retry: deduplicate on it (delivery is at least once).",
  [WEBHOOK_HEADERS.eventType]: "The event's name, as in the body's `type`.",
  [WEBHOOK_HEADERS.attempt]: "1 on the first try, then 2, 3 … on retries.",
};

export const WEBHOOKS: WebhookEvent[] = [
  ...WEBHOOK_EVENTS.map((name) => ({
    name,
    summary: WEBHOOK_EVENT_LABELS[name],
    description: `Sent to endpoints subscribed to \`${name}\`, written in the same transaction as the change. Retried with exponential backoff for up to 24 hours until the endpoint answers 2xx.`,
    payload: segmentEventPayload,
    headers: DELIVERY_HEADERS,
  })),
  {
    name: WEBHOOK_TEST_EVENT,
    summary: "Test event",
    description: 'Sent by "Send test event" on an endpoint\'s page under Settings → Webhooks.',
    payload: testEventPayload,
    headers: DELIVERY_HEADERS,
  },
];
