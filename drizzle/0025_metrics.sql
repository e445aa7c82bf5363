CREATE TYPE "public"."metric_group" AS ENUM('treatment', 'holdout');--> statement-breakpoint
CREATE TABLE "consent_metrics" (
	"purpose_id" uuid NOT NULL,
	"date" date NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"jurisdiction" text DEFAULT '' NOT NULL,
	"consented" integer NOT NULL,
	"opt_ins" integer NOT NULL,
	"withdrawals" integer NOT NULL,
	"token_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_metrics_pkey" PRIMARY KEY("purpose_id","date","source","jurisdiction","token_id"),
	CONSTRAINT "consent_metrics_counts_check" CHECK ("consent_metrics"."consented" >= 0 and "consent_metrics"."opt_ins" >= 0 and "consent_metrics"."withdrawals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "outcome_daily" (
	"date" date NOT NULL,
	"segment_id" uuid NOT NULL,
	"group" "metric_group" NOT NULL,
	"reached" bigint NOT NULL,
	"conversions" bigint NOT NULL,
	CONSTRAINT "outcome_daily_pkey" PRIMARY KEY("date","segment_id","group")
);
--> statement-breakpoint
CREATE TABLE "outcome_metrics" (
	"segment_id" uuid NOT NULL,
	"date" date NOT NULL,
	"channel" "channel" NOT NULL,
	"group" "metric_group" NOT NULL,
	"reached" integer NOT NULL,
	"conversions" integer NOT NULL,
	"revenue" numeric(18, 4) NOT NULL,
	"currency" text NOT NULL,
	"sends" integer,
	"opens" integer,
	"clicks" integer,
	"token_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_metrics_pkey" PRIMARY KEY("segment_id","date","channel","group","token_id"),
	CONSTRAINT "outcome_metrics_counts_check" CHECK ("outcome_metrics"."reached" >= 0 and "outcome_metrics"."conversions" >= 0 and "outcome_metrics"."conversions" <= "outcome_metrics"."reached" and "outcome_metrics"."revenue" >= 0),
	CONSTRAINT "outcome_metrics_engagement_check" CHECK (coalesce("outcome_metrics"."sends", 0) >= 0 and coalesce("outcome_metrics"."opens", 0) >= 0 and coalesce("outcome_metrics"."clicks", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "privacy_budgets" (
	"segment_id" uuid NOT NULL,
	"month" date NOT NULL,
	"budget" numeric(10, 6) NOT NULL,
	"spent" numeric(10, 6) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_budgets_pkey" PRIMARY KEY("segment_id","month"),
	CONSTRAINT "privacy_budgets_spent_check" CHECK ("privacy_budgets"."spent" >= 0 and "privacy_budgets"."spent" <= "privacy_budgets"."budget"),
	CONSTRAINT "privacy_budgets_month_check" CHECK (extract(day from "privacy_budgets"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "privacy_releases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"segment_id" uuid,
	"cell_key" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"value" integer NOT NULL,
	"epsilon" numeric(10, 6),
	"via" text NOT NULL,
	"released_by_id" uuid,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_releases_range_check" CHECK ("privacy_releases"."from_date" <= "privacy_releases"."to_date")
);
--> statement-breakpoint
ALTER TABLE "consent_metrics" ADD CONSTRAINT "consent_metrics_purpose_id_consent_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."consent_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_metrics" ADD CONSTRAINT "consent_metrics_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_daily" ADD CONSTRAINT "outcome_daily_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_metrics" ADD CONSTRAINT "outcome_metrics_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_metrics" ADD CONSTRAINT "outcome_metrics_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_budgets" ADD CONSTRAINT "privacy_budgets_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_releases" ADD CONSTRAINT "privacy_releases_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_releases" ADD CONSTRAINT "privacy_releases_released_by_id_users_id_fk" FOREIGN KEY ("released_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_metrics_date_idx" ON "consent_metrics" USING btree ("date");--> statement-breakpoint
CREATE INDEX "privacy_releases_cell_key_idx" ON "privacy_releases" USING btree ("cell_key");--> statement-breakpoint
CREATE INDEX "privacy_releases_segment_idx" ON "privacy_releases" USING btree ("segment_id","released_at");