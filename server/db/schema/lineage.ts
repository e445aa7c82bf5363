import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * The lineage graph as edges between nodes named "kind:id" (source, signal, segment, channel,
 * purpose, dataset, job). One row per `feeds` edge; `fedBy` is the same row read backwards, so
 * both directions stay in sync by construction. Catalog edges are written by triggers in the
 * same transaction as the catalog change (migration 0008); pipeline edges come from
 * OpenLineage run events.
 */
export const lineageEdges = pgTable(
  "lineage_edges",
  {
    fromNode: text().notNull(),
    toNode: text().notNull(),
    /** Where the edge comes from: the catalog, or an OpenLineage producer. */
    origin: text().notNull().default("catalog"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromNode, t.toNode] }), index().on(t.toNode, t.fromNode)],
);

/**
 * Pipeline edges as OpenLineage events reported them, between dataset and job names before any
 * mapping. lineage_edges holds them with today's mappings applied; keeping what was reported lets
 * a mapping be changed or removed and the graph be derived again.
 */
export const lineageReportedEdges = pgTable(
  "lineage_reported_edges",
  {
    fromNode: text().notNull(),
    toNode: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromNode, t.toNode] }), index().on(t.toNode)],
);

/** Display names of nodes that are not catalog rows (datasets, jobs, channels). */
export const lineageNodes = pgTable("lineage_nodes", {
  node: text().primaryKey(),
  label: text().notNull(),
  namespace: text().notNull().default(""),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Maps an OpenLineage dataset (namespace + name) onto a registered source or signal. */
export const lineageDatasetMappings = pgTable(
  "lineage_dataset_mappings",
  {
    namespace: text().notNull(),
    name: text().notNull(),
    /** "source:<uuid>" or "signal:<uuid>". */
    node: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.name] })],
);

/** Machine API tokens (stored hashed), e.g. for pipelines reporting lineage. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** First characters of the token, to recognise it in lists. */
    prefix: text().notNull(),
    scopes: text().array().notNull(),
    createdById: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.tokenHash)],
);
