-- Group roles (NOLOGIN). Operators create login users and grant these roles to them, so a password
-- never lives in a migration. Roles are cluster-wide, hence the existence checks: several
-- databases (or a re-created one) may share a cluster. The migrating user needs CREATEROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') THEN
    CREATE ROLE ${app_role} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${readonly_role}') THEN
    CREATE ROLE ${readonly_role} NOLOGIN;
  END IF;
END $$;
