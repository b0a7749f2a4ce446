-- How well a game's bots played: the table's level, for the bots in their own seats and for those
-- that played for a player who ran out of time or was away. Games recorded before levels existed
-- had the heuristic bot, which is the normal level. (game_participants.bot_kind names the bot:
-- easy, heuristic or search.)
ALTER TABLE game_sessions ADD COLUMN bot_level varchar(8) NOT NULL DEFAULT 'normal';
ALTER TABLE game_sessions ADD CONSTRAINT game_sessions_bot_level_check
  CHECK (bot_level IN ('easy', 'normal', 'hard'));

-- Analysts see the level of the games being played (a column added at the end of the view).
CREATE OR REPLACE VIEW analytics.active_sessions WITH (security_barrier = true) AS
SELECT s.id                                    AS session_id,
       s.room_id,
       s.status,
       s.is_private,
       s.target_points,
       s.kot_scoring,
       s.scores,
       s.created_at,
       s.started_at,
       seats.humans,
       seats.bots,
       seats.connected_humans,
       (SELECT count(*) FROM game_hands h
        WHERE h.game_session_id = s.id AND h.completed_at IS NOT NULL) AS hands_completed,
       coalesce(last_move.sequence_number, 0)  AS moves_made,
       last_move.created_at                    AS last_move_at,
       s.bot_level
FROM game_sessions s
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE NOT gp.is_bot)      AS humans,
         count(*) FILTER (WHERE gp.is_bot)          AS bots,
         count(*) FILTER (WHERE gp.is_connected)    AS connected_humans
  FROM game_participants gp
  WHERE gp.game_session_id = s.id
) seats
LEFT JOIN LATERAL (
  SELECT m.sequence_number, m.created_at
  FROM game_moves m
  WHERE m.game_session_id = s.id
  ORDER BY m.sequence_number DESC
  LIMIT 1
) last_move ON true
WHERE s.status IN ('waiting', 'active');
