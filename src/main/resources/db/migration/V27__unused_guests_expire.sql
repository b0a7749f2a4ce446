-- Guest accounts cost nothing to make and used to be kept for good. A guest that never sat at a
-- table and has not been seen for a while is deleted by the retention job
-- (hokm.retention.unused-guests-max-age). The application may not delete players itself (a
-- stolen application credential must not erase accounts), so it calls this function, which runs
-- as the owner and never touches a guest seen within the last day, whatever cut-off it is given.
--
-- What goes with the guest: its refresh tokens (ON DELETE CASCADE, and a rotated token's
-- replaced_by points only into the same player's tokens), its closed connection rows (deleted
-- here first: websocket_connections has no cascade). Its audit entries stay, with player_id set
-- to NULL (ON DELETE SET NULL). A guest with a seat in any game (game_participants), a move, or an
-- open connection is never chosen, so no game's history loses a player; a row locked by a
-- concurrent writer is skipped and tried again on the next run, and so is a guest that a row
-- unknown to this function still refers to.
CREATE INDEX players_guest_last_seen_idx ON players (coalesce(last_seen, created_at)) WHERE is_guest;

CREATE FUNCTION players_delete_unused_guests(before timestamptz, batch integer)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  cutoff constant timestamptz := LEAST(before, now() - interval '1 day');
  guest uuid;
  deleted integer := 0;
BEGIN
  IF batch <= 0 THEN
    RETURN 0;
  END IF;
  FOR guest IN
    SELECT p.id FROM players p
     WHERE p.is_guest
       AND coalesce(p.last_seen, p.created_at) < cutoff
       AND p.created_at < cutoff
       AND p.total_games = 0
       AND NOT EXISTS (SELECT 1 FROM game_participants gp WHERE gp.player_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM game_moves m WHERE m.player_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM websocket_connections c WHERE c.player_id = p.id AND c.is_active)
     ORDER BY coalesce(p.last_seen, p.created_at)
       FOR UPDATE OF p SKIP LOCKED
  LOOP
    BEGIN
      DELETE FROM websocket_connections WHERE player_id = guest;
      DELETE FROM players WHERE id = guest;
      deleted := deleted + 1;
    EXCEPTION WHEN foreign_key_violation THEN
      -- Something this function does not know of still refers to the guest: it stays, and the
      -- others are still deleted.
      NULL;
    END;
    EXIT WHEN deleted >= batch;
  END LOOP;
  RETURN deleted;
END $$;

REVOKE ALL ON FUNCTION players_delete_unused_guests(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION players_delete_unused_guests(timestamptz, integer) TO ${app_role};
