-- A game in progress keeps its public state in game_sessions.game_state (written by the journal
-- after every trick, trump, hand and seat change; no hand is ever in it) and its score in scores.
-- Analysts see where each running game stands: columns added at the end of the view, read from
-- that public state (NULL while a game waits for players).
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
       s.bot_level,
       s.game_state ->> 'phase'                AS phase,
       (s.game_state ->> 'handNumber')::int    AS hand_number,
       (s.game_state ->> 'hakem')::smallint    AS hakem_seat,
       s.game_state ->> 'trump'                AS trump,
       s.game_state -> 'tricks'                AS tricks,
       (s.game_state ->> 'turn')::smallint     AS turn_seat
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

-- Replacing a view keeps its privileges; granted again so this file says who reads it.
GRANT SELECT ON analytics.active_sessions TO ${app_role}, ${readonly_role};
