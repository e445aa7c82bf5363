CREATE TABLE "count_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"delta" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_finding_keys" (
	"segment_id" uuid NOT NULL,
	"policy_key" text NOT NULL,
	"blocked" boolean NOT NULL,
	"waived" boolean NOT NULL,
	"warned" boolean NOT NULL,
	"waiver_expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "count_deltas_key_index" ON "count_deltas" USING btree ("key");--> statement-breakpoint
CREATE INDEX "segment_finding_keys_segment_id_index" ON "segment_finding_keys" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "segment_finding_keys_waiver_expiry_idx" ON "segment_finding_keys" USING btree ("waiver_expires_at") WHERE "segment_finding_keys"."waiver_expires_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "segments_active_recertify_by_idx" ON "segments" USING btree ("recertify_by") WHERE "segments"."status" = 'active';