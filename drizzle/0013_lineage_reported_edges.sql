CREATE TABLE "lineage_reported_edges" (
	"from_node" text NOT NULL,
	"to_node" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lineage_reported_edges_from_node_to_node_pk" PRIMARY KEY("from_node","to_node")
);
--> statement-breakpoint
CREATE INDEX "lineage_reported_edges_to_node_index" ON "lineage_reported_edges" USING btree ("to_node");--> statement-breakpoint
-- Pipeline edges recorded before this migration. An edge already moved onto a source or signal
-- goes back to its dataset where only one dataset is mapped onto that node; with several, which
-- one reported it is unknown, and the edge stays on the node.
WITH sole AS (
  SELECT "node", min('dataset:' || "namespace" || '/' || "name") AS "dataset" FROM "lineage_dataset_mappings" GROUP BY "node" HAVING count(*) = 1
)
INSERT INTO "lineage_reported_edges" ("from_node", "to_node")
SELECT coalesce(f."dataset", e."from_node"), coalesce(t."dataset", e."to_node")
FROM "lineage_edges" e LEFT JOIN sole f ON f."node" = e."from_node" LEFT JOIN sole t ON t."node" = e."to_node"
WHERE e."origin" = 'openlineage'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Datasets mapped when first reported had no name row; the datasets page lists them by it.
INSERT INTO "lineage_nodes" ("node", "label", "namespace") SELECT 'dataset:' || "namespace" || '/' || "name", "name", "namespace" FROM "lineage_dataset_mappings" ON CONFLICT DO NOTHING;
