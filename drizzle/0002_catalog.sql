CREATE TYPE "public"."business_goal" AS ENUM('acquisition', 'activation', 'retention', 'reactivation');--> statement-breakpoint
CREATE TYPE "public"."capture_point" AS ENUM('onboarding', 'checkout', 'preference_centre', 'service_update', 'promotional_trial');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('email', 'web', 'mobile_app', 'push', 'sms', 'paid_social', 'display', 'call_centre');--> statement-breakpoint
CREATE TYPE "public"."fidelity" AS ENUM('confirmed', 'observed', 'derived', 'inferred');--> statement-breakpoint
CREATE TYPE "public"."identifiability" AS ENUM('identified', 'pseudonymous', 'aggregated');--> statement-breakpoint
CREATE TYPE "public"."segment_status" AS ENUM('draft', 'in_review', 'approved', 'active', 'paused', 'retired');--> statement-breakpoint
CREATE TYPE "public"."signal_kind" AS ENUM('behavioural', 'declared', 'contextual', 'transactional');--> statement-breakpoint
CREATE TYPE "public"."system_type" AS ENUM('crm', 'web_analytics', 'email_service', 'consent_platform', 'point_of_sale', 'survey_tool', 'warehouse', 'mobile_app', 'other');--> statement-breakpoint
CREATE TYPE "public"."signal_value_type" AS ENUM('number', 'boolean', 'timestamp', 'category', 'list');--> statement-breakpoint
CREATE TABLE "data_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"system_type" "system_type" NOT NULL,
	"owner" text NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"retention_days" integer NOT NULL,
	"encrypted_in_transit" boolean DEFAULT true NOT NULL,
	"encrypted_at_rest" boolean DEFAULT true NOT NULL,
	"pseudonymised" boolean DEFAULT false NOT NULL,
	"consent_capture_points" "capture_point"[] DEFAULT '{}'::capture_point[] NOT NULL,
	"consent_capture_notes" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(owner, '')), 'B')) STORED,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_parent_inputs" (
	"segment_id" uuid NOT NULL,
	"parent_segment_id" uuid NOT NULL,
	"mode" text NOT NULL,
	CONSTRAINT "segment_parent_inputs_segment_id_parent_segment_id_pk" PRIMARY KEY("segment_id","parent_segment_id")
);
--> statement-breakpoint
CREATE TABLE "segment_signal_inputs" (
	"segment_id" uuid NOT NULL,
	"signal_id" uuid NOT NULL,
	CONSTRAINT "segment_signal_inputs_segment_id_signal_id_pk" PRIMARY KEY("segment_id","signal_id")
);
--> statement-breakpoint
CREATE TABLE "segment_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"segment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"derived_sensitivity" "sensitivity" NOT NULL,
	"sensitivity" "sensitivity" NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"purpose_statement" text DEFAULT '' NOT NULL,
	"business_goal" "business_goal" NOT NULL,
	"channels" "channel"[] DEFAULT '{}'::channel[] NOT NULL,
	"purpose_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"team" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" "segment_status" DEFAULT 'draft' NOT NULL,
	"derived_sensitivity" "sensitivity" NOT NULL,
	"sensitivity" "sensitivity" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"head_version_id" uuid,
	"approved_version_id" uuid,
	"recertify_by" date,
	"search_extra" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(purpose_statement, '')), 'B') || setweight(to_tsvector('simple', coalesce(search_extra, '')), 'C')) STORED,
	"search_text" text GENERATED ALWAYS AS (lower(coalesce(name, '') || ' ' || coalesce(search_extra, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_consents" (
	"signal_id" uuid NOT NULL,
	"purpose_id" uuid NOT NULL,
	"lawful_basis" "lawful_basis" NOT NULL,
	CONSTRAINT "signal_consents_signal_id_purpose_id_pk" PRIMARY KEY("signal_id","purpose_id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category_id" uuid NOT NULL,
	"kind" "signal_kind" NOT NULL,
	"fidelity" "fidelity" NOT NULL,
	"identifiability" "identifiability" NOT NULL,
	"value_type" "signal_value_type" NOT NULL,
	"allowed_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"retention_days" integer NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"format" text NOT NULL,
	"filters" jsonb NOT NULL,
	"up_to_seq" bigint NOT NULL,
	"row_count" bigint NOT NULL,
	"first_seq" bigint,
	"last_seq" bigint,
	"first_hash" text,
	"last_hash" text,
	"first_occurred_at" text,
	"last_occurred_at" text
);
--> statement-breakpoint
ALTER TABLE "segment_parent_inputs" ADD CONSTRAINT "segment_parent_inputs_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_parent_inputs" ADD CONSTRAINT "segment_parent_inputs_parent_segment_id_segments_id_fk" FOREIGN KEY ("parent_segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_signal_inputs" ADD CONSTRAINT "segment_signal_inputs_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_signal_inputs" ADD CONSTRAINT "segment_signal_inputs_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_consents" ADD CONSTRAINT "signal_consents_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_consents" ADD CONSTRAINT "signal_consents_purpose_id_consent_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."consent_purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_category_id_data_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."data_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_sources_key_index" ON "data_sources" USING btree ("key");--> statement-breakpoint
CREATE INDEX "data_sources_search_idx" ON "data_sources" USING gin ("search");--> statement-breakpoint
CREATE INDEX "data_sources_name_trgm_idx" ON "data_sources" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "segment_parent_inputs_parent_segment_id_index" ON "segment_parent_inputs" USING btree ("parent_segment_id");--> statement-breakpoint
CREATE INDEX "segment_signal_inputs_signal_id_index" ON "segment_signal_inputs" USING btree ("signal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "segment_versions_segment_id_version_index" ON "segment_versions" USING btree ("segment_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_key_index" ON "segments" USING btree ("key");--> statement-breakpoint
CREATE INDEX "segments_status_index" ON "segments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "segments_owner_id_index" ON "segments" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "segments_updated_at_index" ON "segments" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "segments_name_index" ON "segments" USING btree ("name");--> statement-breakpoint
CREATE INDEX "segments_search_idx" ON "segments" USING gin ("search");--> statement-breakpoint
CREATE INDEX "segments_search_text_trgm_idx" ON "segments" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "segments_channels_idx" ON "segments" USING gin ("channels");--> statement-breakpoint
CREATE INDEX "segments_purpose_ids_idx" ON "segments" USING gin ("purpose_ids");--> statement-breakpoint
CREATE INDEX "segments_source_ids_idx" ON "segments" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "signal_consents_purpose_id_index" ON "signal_consents" USING btree ("purpose_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_key_index" ON "signals" USING btree ("key");--> statement-breakpoint
CREATE INDEX "signals_source_id_index" ON "signals" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "signals_category_id_index" ON "signals" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "signals_search_idx" ON "signals" USING gin ("search");--> statement-breakpoint
CREATE INDEX "signals_name_trgm_idx" ON "signals" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_exports_created_by_id_created_at_index" ON "audit_exports" USING btree ("created_by_id","created_at");