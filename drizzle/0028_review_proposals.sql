ALTER TABLE "review_requests" ALTER COLUMN "subject_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "review_requests" ADD COLUMN "payload" jsonb;