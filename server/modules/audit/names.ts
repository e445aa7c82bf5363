import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiTokens, consentPurposes, dataCategories, dataSources, reviewRequests, segments, signals, users, webhookEndpoints } from "@/server/db/schema";
import { TYPE_LABELS } from "@/domain/review-rules";
import { isUuid } from "@/domain/ids";

type NameRows = (db: DbOrTx, ids: string[]) => Promise<{ id: string; name: string }[]>;

/** How to read the current name of each kind of entity that has a row of its own, by id. */
const RESOLVERS: Record<string, NameRows> = {
  segment: (db, ids) => db.select({ id: segments.id, name: segments.name }).from(segments).where(inArray(segments.id, ids)),
  signal: (db, ids) => db.select({ id: signals.id, name: signals.name }).from(signals).where(inArray(signals.id, ids)),
  data_source: (db, ids) => db.select({ id: dataSources.id, name: dataSources.name }).from(dataSources).where(inArray(dataSources.id, ids)),
  consent_purpose: (db, ids) => db.select({ id: consentPurposes.id, name: consentPurposes.name }).from(consentPurposes).where(inArray(consentPurposes.id, ids)),
  data_category: (db, ids) => db.select({ id: dataCategories.id, name: dataCategories.name }).from(dataCategories).where(inArray(dataCategories.id, ids)),
  user: (db, ids) => db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)),
  api_token: (db, ids) => db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, ids)),
  webhook_endpoint: (db, ids) => db.select({ id: webhookEndpoints.id, name: webhookEndpoints.url }).from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids)),
  review_request: async (db, ids) => {
    const rows = await db.select({ id: reviewRequests.id, type: reviewRequests.type, subject: reviewRequests.subjectLabel }).from(reviewRequests).where(inArray(reviewRequests.id, ids));
    return rows.map((r) => ({ id: r.id, name: `${TYPE_LABELS[r.type]}: ${r.subject}` }));
  },
};

interface EventRef {
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** What the explorer shows for an event's entity and actor, besides the raw values. */
export interface EventNames {
  /** The entity's current name, else the name its snapshot recorded; null when neither is known. */
  entityName: string | null;
  /** The entity still exists (or is not a row of its own), so a link to it leads somewhere. */
  entityFound: boolean;
  actorName: string | null;
}

const key = (type: string, id: string) => `${type}\u0000${id}`;

/** A name the event's own snapshot recorded, for an entity that no longer exists. */
function snapshotName(e: EventRef): string | null {
  for (const snap of [e.before, e.after]) {
    if (!snap || typeof snap !== "object" || Array.isArray(snap)) continue;
    const s = snap as Record<string, unknown>;
    for (const field of ["name", "url", "label"]) if (typeof s[field] === "string" && s[field]) return s[field];
  }
  return null;
}

/**
 * Names for a page of events: one query per kind of entity on the page (and one for the actors),
 * whatever the page's length.
 */
export async function namesOf(db: DbOrTx, events: readonly EventRef[]): Promise<EventNames[]> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string | null) => {
    // Ids that are not UUIDs (a lineage node, a checkpoint's seq) have no row to look up.
    if (!id || !RESOLVERS[type] || !isUuid(id)) return;
    let ids = wanted.get(type);
    if (!ids) wanted.set(type, (ids = new Set()));
    ids.add(id);
  };
  for (const e of events) {
    want(e.entityType, e.entityId);
    want("user", e.actorId);
  }
  const found = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([type, ids]) => {
      for (const row of await RESOLVERS[type]!(db, [...ids])) found.set(key(type, row.id), row.name);
    }),
  );
  return events.map((e) => {
    const resolvable = Boolean(e.entityId && RESOLVERS[e.entityType] && isUuid(e.entityId));
    const current = resolvable ? found.get(key(e.entityType, e.entityId!)) : undefined;
    return {
      entityName: current ?? snapshotName(e),
      entityFound: !resolvable || current !== undefined,
      actorName: e.actorId ? (found.get(key("user", e.actorId)) ?? null) : null,
    };
  });
}
