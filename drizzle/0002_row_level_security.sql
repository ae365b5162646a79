-- Row-level security: the second wall behind the API's own `trust_id` filters (DESIGN.md).
-- Request statements run as attest_app with app.trust_id set for their transaction (see
-- packages/db/src/client.ts createTenantDb); a row of another trust is then invisible even to a
-- query that forgot its filter. The owner role (migrations, seed, the one sign-in lookup that finds
-- the trust) is not subject to these policies: RLS is enabled, not forced.
DO $$ BEGIN
  CREATE ROLE attest_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
GRANT attest_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO attest_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO attest_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO attest_app;
--> statement-breakpoint
CREATE FUNCTION app_trust_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.trust_id', true), '')::uuid $$;
--> statement-breakpoint
ALTER TABLE trusts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON trusts TO attest_app USING (id = app_trust_id());
--> statement-breakpoint
ALTER TABLE schools ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON schools TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON people TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE school_memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON school_memberships TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON users TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE role_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON role_assignments TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log TO attest_app USING (trust_id = app_trust_id()) WITH CHECK (trust_id = app_trust_id());
