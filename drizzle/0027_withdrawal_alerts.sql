CREATE TABLE "withdrawal_alerts" (
	"purpose_id" uuid NOT NULL,
	"week" date NOT NULL,
	"rate" numeric(12, 8) NOT NULL,
	"baseline" numeric(12, 8) NOT NULL,
	"multiple" numeric(6, 2) NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withdrawal_alerts_pkey" PRIMARY KEY("purpose_id","week")
);
--> statement-breakpoint
ALTER TABLE "withdrawal_alerts" ADD CONSTRAINT "withdrawal_alerts_purpose_id_consent_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."consent_purposes"("id") ON DELETE no action ON UPDATE no action;