-- One link machinery for every emailed task (packages/db/src/schema/links.ts). Every signing link
-- already emailed moves here unchanged: the link keeps the recipient's id, so its token, derived
-- from ('sign', id, generation), is the very token in the person's inbox, and its hash, expiry,
-- generation and last request come across as they were. A withdrawn recipient's link is withdrawn.
CREATE TYPE "public"."link_purpose" AS ENUM('sign', 'loan_agreement', 'device_check', 'exception_request', 'declaration');--> statement-breakpoint
CREATE TABLE "person_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" "link_purpose" NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "person_links_subject_uq" UNIQUE("purpose","subject_id")
);
--> statement-breakpoint
ALTER TABLE "recipients" DROP CONSTRAINT "recipients_token_hash_unique";--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_links_trust_idx" ON "person_links" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "person_links_person_idx" ON "person_links" USING btree ("person_id");--> statement-breakpoint
INSERT INTO "person_links" ("id", "trust_id", "person_id", "purpose", "subject_id", "token_hash", "generation", "expires_at", "withdrawn_at", "requested_at", "created_at", "updated_at")
SELECT r."id", r."trust_id", r."person_id", 'sign', r."id", r."token_hash", r."token_generation", r."token_expires_at",
       CASE WHEN r."status" = 'withdrawn' THEN r."updated_at" END, r."link_requested_at", r."created_at", r."updated_at"
  FROM "recipients" r;--> statement-breakpoint
ALTER TABLE person_links ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON person_links TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());--> statement-breakpoint
ALTER TABLE "recipients" DROP COLUMN "token_hash";--> statement-breakpoint
ALTER TABLE "recipients" DROP COLUMN "token_expires_at";--> statement-breakpoint
ALTER TABLE "recipients" DROP COLUMN "token_generation";--> statement-breakpoint
ALTER TABLE "recipients" DROP COLUMN "link_requested_at";