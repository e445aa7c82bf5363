CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "data_sources_name_trgm_idx";--> statement-breakpoint
DROP INDEX "segments_search_text_trgm_idx";--> statement-breakpoint
DROP INDEX "signals_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "signals_name_index" ON "signals" USING btree ("name");--> statement-breakpoint
ALTER TABLE "segments" DROP COLUMN "search_text";