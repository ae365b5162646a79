-- Database roles that bind (README "Deploying", docs/adr/0013-database-roles.md).
--
-- Production's Worker connects as a login that owns nothing (attest_runtime, a member of
-- attest_app). Every runtime statement runs as attest_app with app.trust_id set for its transaction
-- (packages/db/src/client.ts). The doors that have no signed-in trust (a link's holder, Resend's
-- webhook, the cron's list of trusts, sign-in itself) find their trust through the SECURITY DEFINER
-- functions below, each keyed by what the caller holds (a token's hash, an organization id, a
-- recipient's id, an address) and answering trust ids only. They run as attest_lookup, which can
-- read just those key columns: not the owner, so forcing row-level security cannot blind them, and
-- a bug in one cannot reach any other column.

DO $$ BEGIN
  CREATE ROLE attest_lookup NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
GRANT attest_lookup TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO attest_lookup;
--> statement-breakpoint
GRANT SELECT (id, clerk_org_id, created_at) ON trusts TO attest_lookup;
--> statement-breakpoint
GRANT SELECT (trust_id, token_hash) ON person_links TO attest_lookup;
--> statement-breakpoint
GRANT SELECT (trust_id, email) ON people TO attest_lookup;
--> statement-breakpoint
GRANT SELECT (id, trust_id) ON recipients TO attest_lookup;
--> statement-breakpoint
CREATE POLICY trust_lookup ON trusts FOR SELECT TO attest_lookup USING (true);
--> statement-breakpoint
CREATE POLICY trust_lookup ON person_links FOR SELECT TO attest_lookup USING (true);
--> statement-breakpoint
CREATE POLICY trust_lookup ON people FOR SELECT TO attest_lookup USING (true);
--> statement-breakpoint
CREATE POLICY trust_lookup ON recipients FOR SELECT TO attest_lookup USING (true);
--> statement-breakpoint
-- The trust of an emailed link, by its token's SHA-256 (null for a hash we do not know).
CREATE FUNCTION attest_trust_of_link(token_hash text) RETURNS uuid
  LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT l.trust_id FROM public.person_links l WHERE l.token_hash = attest_trust_of_link.token_hash $$;
--> statement-breakpoint
-- The trusts holding a person with this address ("email me my links", across trusts).
CREATE FUNCTION attest_trusts_of_address(email text) RETURNS SETOF uuid
  LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT DISTINCT p.trust_id FROM public.people p WHERE lower(p.email) = lower(btrim(attest_trusts_of_address.email)) $$;
--> statement-breakpoint
-- The trust of a verified session's Clerk organization (sign-in).
CREATE FUNCTION attest_trust_of_org(clerk_org_id text) RETURNS uuid
  LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT t.id FROM public.trusts t WHERE t.clerk_org_id = attest_trust_of_org.clerk_org_id $$;
--> statement-breakpoint
-- The trust of a campaign recipient (Resend's webhook names one in its tags).
CREATE FUNCTION attest_trust_of_recipient(recipient_id uuid) RETURNS uuid
  LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT r.trust_id FROM public.recipients r WHERE r.id = attest_trust_of_recipient.recipient_id $$;
--> statement-breakpoint
-- Every trust's id, for the scheduled jobs (each then runs inside one trust).
CREATE FUNCTION attest_trust_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT t.id FROM public.trusts t ORDER BY t.created_at, t.id $$;
--> statement-breakpoint
-- Owned by attest_lookup, so they run with its narrow reach. (Giving a function away needs the new
-- owner to hold CREATE on the schema at that moment; it keeps none.)
GRANT CREATE ON SCHEMA public TO attest_lookup;
--> statement-breakpoint
ALTER FUNCTION attest_trust_of_link(text) OWNER TO attest_lookup;
--> statement-breakpoint
ALTER FUNCTION attest_trusts_of_address(text) OWNER TO attest_lookup;
--> statement-breakpoint
ALTER FUNCTION attest_trust_of_org(text) OWNER TO attest_lookup;
--> statement-breakpoint
ALTER FUNCTION attest_trust_of_recipient(uuid) OWNER TO attest_lookup;
--> statement-breakpoint
ALTER FUNCTION attest_trust_ids() OWNER TO attest_lookup;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM attest_lookup;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION attest_trust_of_link(text), attest_trusts_of_address(text), attest_trust_of_org(text),
  attest_trust_of_recipient(uuid), attest_trust_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION attest_trust_of_link(text), attest_trusts_of_address(text), attest_trust_of_org(text),
  attest_trust_of_recipient(uuid), attest_trust_ids() TO attest_app;
--> statement-breakpoint
-- Row-level security binds the tables' owner too (superusers and BYPASSRLS roles, which run the
-- migrations and the seed, still pass). Every table with a trust, and trusts itself.
ALTER TABLE trusts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schools FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE school_memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE role_assignments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clauses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clause_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE policies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE policy_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE policy_imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications_sent FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recipients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE signatures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE email_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE signer_questions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE person_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Evidence is written once: no runtime role may change, remove or truncate it. The row triggers
-- (0001, 0003, 0006) already refuse UPDATE and DELETE; TRUNCATE fires no row trigger, so each
-- table also gets a statement trigger refusing it, whoever asks.
REVOKE UPDATE, DELETE, TRUNCATE ON signatures, policy_versions, clause_versions, audit_log FROM attest_app, PUBLIC;
--> statement-breakpoint
CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is evidence: it cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER clause_versions_no_truncate BEFORE TRUNCATE ON clause_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
--> statement-breakpoint
-- The public doors' daily counts (0011): no trust, no row-level security; counted, recorded and
-- pruned by attest_app, never rewritten.
REVOKE ALL ON door_requests FROM attest_app, PUBLIC;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON door_requests TO attest_app;
