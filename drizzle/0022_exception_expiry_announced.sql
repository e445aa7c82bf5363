ALTER TABLE "policy_exceptions" ADD COLUMN "expiry_announced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "policy_exceptions_unannounced_idx" ON "policy_exceptions" USING btree ("expires_at") WHERE "policy_exceptions"."revoked_at" IS NULL AND "policy_exceptions"."expiry_announced_at" IS NULL;--> statement-breakpoint
-- Exceptions that lapsed before this column existed are old news: nobody is told of them now.
UPDATE "policy_exceptions" SET "expiry_announced_at" = "expires_at" WHERE "revoked_at" IS NULL AND "expires_at" <= now();
