-- Moves the journal refused: a different move was already stored at the same (session, sequence).
-- That means two copies of a game's history diverged (for example a table resumed from a copy that
-- was behind); the stored move is kept, and the refused one is kept here, with the stored one as it
-- was, so nothing the players saw is lost and an operator can see what happened. Every refusal also
-- counts in hokm_journal_conflicts_total, which alerts.
CREATE TABLE game_move_conflicts (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  game_session_id uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
  sequence_number integer     NOT NULL,
  refused         jsonb       NOT NULL,
  stored          jsonb       NOT NULL,
  server_instance varchar(64),
  detected_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX game_move_conflicts_session_idx ON game_move_conflicts (game_session_id, sequence_number);

-- The application appends (and reads, for its own checks). Like every table in public, it is
-- nothing of the read-only role's.
GRANT SELECT, INSERT ON game_move_conflicts TO ${app_role};
