CREATE TABLE "segment_decision_denials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"segment_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"reasons" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_usage_daily" (
	"segment_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"allowed_count" integer DEFAULT 0 NOT NULL,
	"denied_count" integer DEFAULT 0 NOT NULL,
	"first_asked_at" timestamp with time zone NOT NULL,
	"last_asked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "segment_usage_daily_segment_id_token_id_channel_day_pk" PRIMARY KEY("segment_id","token_id","channel","day")
);
--> statement-breakpoint
ALTER TABLE "segment_decision_denials" ADD CONSTRAINT "segment_decision_denials_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_decision_denials" ADD CONSTRAINT "segment_decision_denials_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_usage_daily" ADD CONSTRAINT "segment_usage_daily_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_usage_daily" ADD CONSTRAINT "segment_usage_daily_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_decision_denials_segment_at_idx" ON "segment_decision_denials" USING btree ("segment_id","at");--> statement-breakpoint
CREATE INDEX "segment_decision_denials_at_idx" ON "segment_decision_denials" USING btree ("at");