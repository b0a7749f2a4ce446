-- Sensitive events: registrations, logins (both outcomes), password changes, token revocations,
-- abuse limits that fired. Who (player_id, or the name given when no player is known), when, from
-- where (ip, as the server saw it behind its trusted proxies), and a few facts (detail).
-- Retention (hokm.retention.*) blanks ip and subject after a while and deletes old rows.
CREATE TABLE audit_log (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  event       varchar(40) NOT NULL,
  outcome     varchar(16) NOT NULL,
  player_id   uuid        REFERENCES players (id) ON DELETE SET NULL,
  subject     varchar(64),
  ip          varchar(64),
  detail      jsonb,
  CONSTRAINT audit_log_event_format CHECK (event ~ '^[a-z_]+(\.[a-z_]+)*$'),
  CONSTRAINT audit_log_outcome_check CHECK (outcome IN ('success', 'failure', 'refused')),
  CONSTRAINT audit_log_detail_object CHECK (detail IS NULL OR jsonb_typeof(detail) = 'object')
);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_player_idx ON audit_log (player_id, occurred_at) WHERE player_id IS NOT NULL;

-- The application appends; it may read (for retention's WHERE clauses), blank ip and subject, and
-- delete what retention allows. It may not rewrite what happened (event, outcome, player, time).
-- The read-only role gets nothing: the log holds IP addresses.
GRANT SELECT, INSERT, DELETE ON audit_log TO ${app_role};
GRANT UPDATE (ip, subject) ON audit_log TO ${app_role};
