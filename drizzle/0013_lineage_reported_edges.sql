CREATE TABLE "lineage_reported_edges" (
	"from_node" text NOT NULL,
	"to_node" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lineage_reported_edges_from_node_to_node_pk" PRIMARY KEY("from_node","to_node")
);
--> statement-breakpoint
CREATE INDEX "lineage_reported_edges_to_node_index" ON "lineage_reported_edges" USING btree ("to_node");--> statement-breakpoint
-- Pipeline edges recorded before this migration, as they stand (an edge already moved onto a
-- mapped source or signal is kept on it).
INSERT INTO "lineage_reported_edges" ("from_node", "to_node") SELECT "from_node", "to_node" FROM "lineage_edges" WHERE "origin" = 'openlineage' ON CONFLICT DO NOTHING;
