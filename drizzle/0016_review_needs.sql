CREATE TABLE "review_request_needs" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"roles" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "review_decisions_user_id_index" ON "review_decisions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "review_requests_author_id_index" ON "review_requests" USING btree ("author_id");