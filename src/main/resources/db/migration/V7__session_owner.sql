-- The server instance that runs a game: after a restart, an instance resumes its own games from
-- here when Redis lost them.
ALTER TABLE game_sessions ADD COLUMN server_instance varchar(64);
CREATE INDEX game_sessions_open_instance_idx ON game_sessions (server_instance)
  WHERE status IN ('waiting', 'active');
-- The table's time per decision, so a resumed table keeps its pace.
ALTER TABLE game_sessions ADD COLUMN turn_seconds smallint;
