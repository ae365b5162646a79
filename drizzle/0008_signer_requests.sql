CREATE TABLE "signer_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"body" text NOT NULL,
	"sent_to" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "token_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "link_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signer_questions" ADD CONSTRAINT "signer_questions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signer_questions" ADD CONSTRAINT "signer_questions_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signer_questions" ADD CONSTRAINT "signer_questions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signer_questions" ADD CONSTRAINT "signer_questions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signer_questions_trust_idx" ON "signer_questions" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "signer_questions_campaign_idx" ON "signer_questions" USING btree ("campaign_id","school_id");--> statement-breakpoint
CREATE INDEX "signer_questions_recipient_idx" ON "signer_questions" USING btree ("recipient_id","created_at");--> statement-breakpoint
ALTER TABLE signer_questions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON signer_questions TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
