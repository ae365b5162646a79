-- Daily counts of requests to the public doors that send mail or write, for their rate limits
-- (packages/db/src/schema/doors.ts). Not a tenant table: no trust is known at those doors.
CREATE TABLE "door_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"door" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "door_requests_key_idx" ON "door_requests" USING btree ("door","key_hash","created_at");