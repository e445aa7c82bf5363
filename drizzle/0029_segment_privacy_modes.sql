CREATE TABLE "segment_privacy_modes" (
	"segment_id" uuid PRIMARY KEY NOT NULL,
	"differential_privacy" boolean NOT NULL,
	"reason" text NOT NULL,
	"set_by_id" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "segment_privacy_modes" ADD CONSTRAINT "segment_privacy_modes_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_privacy_modes" ADD CONSTRAINT "segment_privacy_modes_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;