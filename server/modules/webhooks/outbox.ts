import { randomUUID } from "node:crypto";
import { and, arrayContains, eq } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { segments, segmentVersions, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import type { WebhookEvent } from "@/domain/webhook-events";
import { segmentEventPayload } from "./schemas";

export type WebhookReason = { code: string; message: string };

/**
 * Writes a segment event to the webhook outbox, in the caller's transaction: it commits or
 * rolls back with the change it tells about. One row per enabled endpoint subscribed to the
 * type; with none, nothing is written. That costs one read of a table of a handful of rows per
 * change, and means an endpoint registered later is not sent a backlog of stale news (the same
 * rule as the e-mail outbox), and the outbox does not grow while nobody listens.
 * Returns the event id, or null when nobody subscribes.
 */
export async function enqueueSegmentEvent(tx: Tx, type: WebhookEvent, segmentId: string, reasons: WebhookReason[], now = new Date()): Promise<string | null> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.events, [type])));
  if (endpoints.length === 0) return null;
  // Read after the change, in its transaction: the status and version the event reports are the ones committed with it.
  const [segment] = await tx
    .select({ id: segments.id, key: segments.key, name: segments.name, status: segments.status, headVersion: segments.version, approvedVersion: segmentVersions.version })
    .from(segments)
    .leftJoin(segmentVersions, eq(segmentVersions.id, segments.approvedVersionId))
    .where(eq(segments.id, segmentId));
  if (!segment) return null;
  const id = randomUUID();
  const body = JSON.stringify(
    segmentEventPayload.parse({
      id,
      type,
      createdAt: now.toISOString(),
      data: { segment: { id: segment.id, key: segment.key, name: segment.name }, version: segment.approvedVersion ?? segment.headVersion, status: segment.status, reasons },
    }),
  );
  await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ eventId: id, endpointId: e.id, eventType: type, body })));
  return id;
}
