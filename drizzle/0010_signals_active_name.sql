DROP INDEX "signals_name_index";--> statement-breakpoint
CREATE INDEX "signals_active_name_idx" ON "signals" USING btree ("name") WHERE "signals"."retired_at" IS NULL;