ALTER TABLE "policy_imports" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
-- A guard a batch (non-interactive transaction) can use to abort itself: the statements before it
-- are rolled back when the condition is false. SQLSTATE P0001 with the message given.
CREATE FUNCTION attest_assert(ok boolean, message text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT coalesce(ok, false) THEN
    RAISE EXCEPTION '%', message USING ERRCODE = 'P0001';
  END IF;
  RETURN true;
END;
$$;
