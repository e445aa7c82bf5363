ALTER TABLE "segments" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "paused_by" uuid;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_paused_by_users_id_fk" FOREIGN KEY ("paused_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;