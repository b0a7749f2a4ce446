-- Nobody but the owner creates temporary tables in this database: PostgreSQL grants TEMP to PUBLIC
-- by default, which lets the application's and the analysts' roles create objects.
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;

-- The application may append to the audit log but no longer delete from it or blank it: a stolen
-- application credential must not be able to erase history. Retention goes through these two
-- functions, which run as the owner and touch only rows past a floor that no caller can lower:
-- addresses are blanked after 7 days at the earliest, rows deleted after 90 days at the earliest
-- (hokm.retention.audit-ip-max-age and audit-max-age may be longer, never shorter in effect).
REVOKE DELETE ON audit_log FROM ${app_role};
REVOKE UPDATE (ip, subject) ON audit_log FROM ${app_role};

CREATE FUNCTION audit_log_blank_addresses(before timestamptz, batch integer)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  changed integer;
BEGIN
  UPDATE audit_log SET ip = NULL, subject = NULL
   WHERE id IN (SELECT id FROM audit_log
                 WHERE occurred_at < LEAST(before, now() - interval '7 days')
                   AND (ip IS NOT NULL OR subject IS NOT NULL)
                 LIMIT GREATEST(batch, 0));
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;

CREATE FUNCTION audit_log_delete_old(before timestamptz, batch integer)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  changed integer;
BEGIN
  DELETE FROM audit_log
   WHERE id IN (SELECT id FROM audit_log
                 WHERE occurred_at < LEAST(before, now() - interval '90 days')
                 LIMIT GREATEST(batch, 0));
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;

REVOKE ALL ON FUNCTION audit_log_blank_addresses(timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_log_delete_old(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_log_blank_addresses(timestamptz, integer) TO ${app_role};
GRANT EXECUTE ON FUNCTION audit_log_delete_old(timestamptz, integer) TO ${app_role};
