CREATE TYPE "public"."clause_category" AS ENUM('passwords_access', 'email_communication', 'data_protection', 'monitoring', 'images_video', 'social_media_conduct', 'personal_devices', 'loaned_equipment', 'software_hardware', 'safeguarding_reporting', 'copyright', 'security_antivirus', 'consequences_acknowledgement');--> statement-breakpoint
CREATE TABLE "clause_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"clause_id" uuid NOT NULL,
	"school_id" uuid,
	"version" integer NOT NULL,
	"text" text,
	"children" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clause_versions_uq" UNIQUE NULLS NOT DISTINCT("clause_id","school_id","version")
);
--> statement-breakpoint
CREATE TABLE "clauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"category" "clause_category" NOT NULL,
	"title" text NOT NULL,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"title" text NOT NULL,
	"school_id" uuid,
	"audiences" "membership_role"[] DEFAULT '{staff}' NOT NULL,
	"intro" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"statements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_cycle_months" integer DEFAULT 12 NOT NULL,
	"owner_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"school_id" uuid,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"source_text" text NOT NULL,
	"parsed" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"label" text NOT NULL,
	"content" jsonb NOT NULL,
	"canonical_text" text NOT NULL,
	"sha256" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" uuid,
	"next_review_at" text NOT NULL,
	CONSTRAINT "policy_versions_uq" UNIQUE("policy_id","school_id","version")
);
--> statement-breakpoint
ALTER TABLE "clause_versions" ADD CONSTRAINT "clause_versions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_versions" ADD CONSTRAINT "clause_versions_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_versions" ADD CONSTRAINT "clause_versions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clauses" ADD CONSTRAINT "clauses_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clauses" ADD CONSTRAINT "clauses_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_imports" ADD CONSTRAINT "policy_imports_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_imports" ADD CONSTRAINT "policy_imports_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clause_versions_clause_idx" ON "clause_versions" USING btree ("clause_id","school_id","version");--> statement-breakpoint
CREATE INDEX "clause_versions_trust_idx" ON "clause_versions" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "clauses_trust_idx" ON "clauses" USING btree ("trust_id","category");--> statement-breakpoint
CREATE INDEX "policies_trust_idx" ON "policies" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "policy_imports_trust_idx" ON "policy_imports" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "policy_versions_trust_idx" ON "policy_versions" USING btree ("trust_id","school_id");--> statement-breakpoint
-- Tenant walls for the library tables (see 0002_row_level_security).
ALTER TABLE clauses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON clauses TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE clause_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON clause_versions TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON policies TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE policy_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON policy_versions TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE policy_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON policy_imports TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
-- Published versions and clause wordings are evidence of what people signed: never rewritten.
CREATE FUNCTION refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: write a new version instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER policy_versions_immutable BEFORE UPDATE OR DELETE ON policy_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER clause_versions_immutable BEFORE UPDATE OR DELETE ON clause_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
