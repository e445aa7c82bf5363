ALTER TABLE "segment_decision_denials" DROP CONSTRAINT "segment_decision_denials_segment_id_segments_id_fk";
--> statement-breakpoint
ALTER TABLE "segment_decision_denials" DROP CONSTRAINT "segment_decision_denials_token_id_api_tokens_id_fk";
--> statement-breakpoint
DROP INDEX "segment_decision_denials_at_idx";--> statement-breakpoint
ALTER TABLE "segment_decision_denials" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_decision_denials" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "segment_decision_denials_at_brin" ON "segment_decision_denials" USING brin ("at");