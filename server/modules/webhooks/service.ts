import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookSettings } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { invalid, notFound } from "@/server/errors";
import { WEBHOOK_TEST_EVENT, type WebhookEvent } from "@/domain/webhook-events";
import { checkWebhookUrl, WebhookTargetError } from "./ssrf";
import { newSigningSecret } from "./signing";
import { testEventPayload } from "./schemas";
import { allowPrivateTargets } from "./settings";

/** Endpoint management for admins; every change audited in its transaction, secrets never. */

const PREFIX = 12;
const DELIVERY_LOG_SIZE = 100;

async function checkedUrl(db: Db, url: string): Promise<string> {
  try {
    return (await checkWebhookUrl(url, await allowPrivateTargets(db))).toString();
  } catch (err) {
    if (err instanceof WebhookTargetError) throw invalid(err.message, "url");
    throw err;
  }
}

/** What the admin pages show of an endpoint: never the secret, only its first characters. */
const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  secretPrefix: webhookEndpoints.secretPrefix,
  createdAt: webhookEndpoints.createdAt,
};

export async function listEndpoints(db: Db) {
  return db
    .select({
      ...endpointColumns,
      pending: sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = ${webhookEndpoints.id} AND d.status = 'pending')`,
      failed: sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = ${webhookEndpoints.id} AND d.status = 'failed')`,
    })
    .from(webhookEndpoints)
    .orderBy(webhookEndpoints.createdAt);
}

/** One endpoint and its delivery log, newest first, each with its tries. */
export async function endpointDetail(db: Db, id: string) {
  const [endpoint] = await db
    .select({
      ...endpointColumns,
      secretRotatedAt: webhookEndpoints.secretRotatedAt,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id));
  if (!endpoint) throw notFound("That webhook endpoint");
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      lastDurationMs: sql<number | null>`(SELECT a.duration_ms FROM ${webhookAttempts} a WHERE a.delivery_id = ${webhookDeliveries.id} ORDER BY a.attempt DESC LIMIT 1)`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERY_LOG_SIZE);
  return { endpoint, deliveries: deliveries.map((d) => ({ ...d, nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null })) };
}

export async function createEndpoint(db: Db, actor: AuditActor, input: { url: string; events: WebhookEvent[]; description: string }) {
  const url = await checkedUrl(db, input.url);
  const secret = newSigningSecret();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url, events: input.events, description: input.description, secret, secretPrefix: secret.slice(0, PREFIX), createdById: actor.id })
      .returning({ id: webhookEndpoints.id });
    await recordAudit(tx, {
      actor,
      action: "webhook.created",
      entityType: "webhook_endpoint",
      entityId: row!.id,
      after: { url, events: input.events, secretPrefix: secret.slice(0, PREFIX) },
    });
    return { id: row!.id, secret };
  });
}

async function lockedEndpoint(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], id: string) {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("no key update");
  if (!row) throw notFound("That webhook endpoint");
  return row;
}

export async function setEndpointEnabled(db: Db, actor: AuditActor, id: string, enabled: boolean) {
  return inTransaction(db, async (tx) => {
    const row = await lockedEndpoint(tx, id);
    await tx
      .update(webhookEndpoints)
      .set({ enabled, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, {
      actor,
      action: enabled ? "webhook.enabled" : "webhook.disabled",
      entityType: "webhook_endpoint",
      entityId: id,
      before: { enabled: row.enabled },
      after: { enabled },
    });
    return { id, enabled };
  });
}

/** A new secret replaces the old at once (shown once); deliveries from now on are signed with it. */
export async function rotateSecret(db: Db, actor: AuditActor, id: string) {
  const secret = newSigningSecret();
  return inTransaction(db, async (tx) => {
    const row = await lockedEndpoint(tx, id);
    await tx
      .update(webhookEndpoints)
      .set({ secret, secretPrefix: secret.slice(0, PREFIX), secretRotatedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, {
      actor,
      action: "webhook.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: id,
      before: { secretPrefix: row.secretPrefix },
      after: { secretPrefix: secret.slice(0, PREFIX) },
    });
    return { id, secret };
  });
}

/** Deletes the endpoint and its delivery log; the audit trail keeps what it was. */
export async function deleteEndpoint(db: Db, actor: AuditActor, id: string) {
  return inTransaction(db, async (tx) => {
    const row = await lockedEndpoint(tx, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, { actor, action: "webhook.deleted", entityType: "webhook_endpoint", entityId: id, before: { url: row.url, events: row.events } });
    return { id };
  });
}

/** Queues a `webhook.test` delivery to this endpoint; the dispatcher sends it like any other. */
export async function sendTestEvent(db: Db, actor: AuditActor, id: string) {
  return inTransaction(db, async (tx) => {
    const row = await lockedEndpoint(tx, id);
    if (!row.enabled) throw invalid("Enable the endpoint first: a disabled endpoint is sent nothing.");
    const eventId = randomUUID();
    const body = JSON.stringify(
      testEventPayload.parse({ id: eventId, type: WEBHOOK_TEST_EVENT, createdAt: new Date().toISOString(), data: { message: `Test event sent by ${actor.label}.` } }),
    );
    const [d] = await tx.insert(webhookDeliveries).values({ eventId, endpointId: id, eventType: WEBHOOK_TEST_EVENT, body }).returning({ id: webhookDeliveries.id });
    await recordAudit(tx, { actor, action: "webhook.test_sent", entityType: "webhook_endpoint", entityId: id, after: { eventId } });
    return { deliveryId: d!.id, eventId };
  });
}

export async function webhookSettingsOf(db: Db) {
  return { allowPrivateTargets: await allowPrivateTargets(db) };
}

export async function setAllowPrivateTargets(db: Db, actor: AuditActor, allow: boolean) {
  return inTransaction(db, async (tx) => {
    const before = await allowPrivateTargets(tx);
    await tx
      .insert(webhookSettings)
      .values({ id: 1, allowPrivateTargets: allow, updatedById: actor.id })
      .onConflictDoUpdate({ target: webhookSettings.id, set: { allowPrivateTargets: allow, updatedById: actor.id, updatedAt: sql`now()` } });
    await recordAudit(tx, {
      actor,
      action: "webhook.settings_changed",
      entityType: "webhook_settings",
      entityId: null,
      before: { allowPrivateTargets: before },
      after: { allowPrivateTargets: allow },
    });
    return { allowPrivateTargets: allow };
  });
}
