-- A campaign can be a re-run of an earlier one (next year's round of the same policy), so the
-- two can be linked and compared.
ALTER TABLE "campaigns" ADD COLUMN "previous_campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_previous_campaign_id_campaigns_id_fk" FOREIGN KEY ("previous_campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;