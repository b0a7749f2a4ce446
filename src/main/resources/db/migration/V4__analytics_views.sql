-- Reporting surface for analysts. The views are owned by the migrating (owner) role, so a reader
-- needs only SELECT on a view, never on the tables behind it: that is how password hashes, seeds,
-- deals and game state stay out of reach. security_barrier keeps a reader's own functions from
-- seeing rows before the view's filters run.
CREATE SCHEMA analytics;

-- Per-player lookups in analytics.player_performance count a player's moves.
CREATE INDEX game_moves_player_idx ON game_moves (player_id) WHERE player_id IS NOT NULL;

CREATE VIEW analytics.player_performance WITH (security_barrier = true) AS
SELECT p.id                                   AS player_id,
       p.username,
       p.is_guest,
       p.rating,
       coalesce(g.games_played, 0)            AS games_played,
       coalesce(g.games_won, 0)               AS games_won,
       coalesce(g.games_lost, 0)              AS games_lost,
       coalesce(g.games_abandoned, 0)         AS games_abandoned,
       CASE WHEN g.games_played > 0 THEN round(g.games_won::numeric / g.games_played, 4) END AS win_rate,
       coalesce(m.cards_played, 0)            AS cards_played,
       coalesce(m.trumps_chosen, 0)           AS trumps_chosen,
       g.last_game_at,
       p.last_seen
FROM players p
LEFT JOIN (
  SELECT gp.player_id,
         count(*) FILTER (WHERE s.status = 'completed')                            AS games_played,
         count(*) FILTER (WHERE s.status = 'completed' AND s.winner_team = gp.team)  AS games_won,
         count(*) FILTER (WHERE s.status = 'completed' AND s.winner_team <> gp.team) AS games_lost,
         count(*) FILTER (WHERE s.status = 'abandoned')                            AS games_abandoned,
         max(s.completed_at)                                                       AS last_game_at
  FROM game_participants gp
  JOIN game_sessions s ON s.id = gp.game_session_id
  WHERE gp.player_id IS NOT NULL
  GROUP BY gp.player_id
) g ON g.player_id = p.id
LEFT JOIN (
  SELECT player_id,
         count(*) FILTER (WHERE move_type = 'play_card')    AS cards_played,
         count(*) FILTER (WHERE move_type = 'choose_trump') AS trumps_chosen
  FROM game_moves
  WHERE player_id IS NOT NULL
  GROUP BY player_id
) m ON m.player_id = p.id;

CREATE VIEW analytics.game_statistics_summary WITH (security_barrier = true) AS
SELECT (s.created_at AT TIME ZONE 'UTC')::date                               AS day,
       count(*)                                                              AS games_created,
       count(*) FILTER (WHERE s.started_at IS NOT NULL)                      AS games_started,
       count(*) FILTER (WHERE s.status = 'completed')                        AS games_completed,
       count(*) FILTER (WHERE s.status = 'abandoned')                        AS games_abandoned,
       count(*) FILTER (WHERE s.end_reason = 'forfeit')                      AS games_forfeited,
       count(*) FILTER (WHERE s.winner_team = 1)                             AS team1_wins,
       count(*) FILTER (WHERE s.winner_team = 2)                             AS team2_wins,
       count(*) FILTER (WHERE x.bots > 0)                                    AS games_with_bots,
       round(avg(extract(epoch FROM s.completed_at - s.started_at))
             FILTER (WHERE s.status = 'completed'), 1)                       AS avg_duration_seconds,
       round(avg(x.hands) FILTER (WHERE s.status = 'completed'), 2)          AS avg_hands_per_completed_game
FROM game_sessions s
CROSS JOIN LATERAL (
  SELECT (SELECT count(*) FROM game_hands h
          WHERE h.game_session_id = s.id AND h.completed_at IS NOT NULL)      AS hands,
         (SELECT count(*) FROM game_participants gp
          WHERE gp.game_session_id = s.id AND gp.is_bot)                      AS bots
) x
GROUP BY 1;

CREATE VIEW analytics.active_sessions WITH (security_barrier = true) AS
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
       last_move.created_at                    AS last_move_at
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

-- Guests are left out: a throwaway name on the board says nothing about a player.
CREATE VIEW analytics.leaderboard WITH (security_barrier = true) AS
SELECT rank() OVER (ORDER BY p.rating DESC)                    AS rank,
       p.id                                                    AS player_id,
       p.username,
       p.rating,
       p.total_games,
       p.wins,
       p.losses,
       round(p.wins::numeric / p.total_games, 4)               AS win_rate,
       p.last_seen
FROM players p
WHERE NOT p.is_guest AND p.total_games > 0
ORDER BY p.rating DESC, p.username
LIMIT 100;

CREATE VIEW analytics.player_activity_heatmap WITH (security_barrier = true) AS
SELECT d.weekday,
       h.hour,
       coalesce(g.games_started, 0)  AS games_started,
       coalesce(m.moves_made, 0)     AS moves_made,
       coalesce(m.active_players, 0) AS active_players
FROM generate_series(1, 7) AS d(weekday)
CROSS JOIN generate_series(0, 23) AS h(hour)
LEFT JOIN (
  SELECT extract(isodow FROM started_at AT TIME ZONE 'UTC')::int AS weekday,
         extract(hour FROM started_at AT TIME ZONE 'UTC')::int   AS hour,
         count(*)                                                AS games_started
  FROM game_sessions
  WHERE started_at IS NOT NULL
  GROUP BY 1, 2
) g ON g.weekday = d.weekday AND g.hour = h.hour
LEFT JOIN (
  SELECT extract(isodow FROM created_at AT TIME ZONE 'UTC')::int AS weekday,
         extract(hour FROM created_at AT TIME ZONE 'UTC')::int   AS hour,
         count(*)                                                AS moves_made,
         count(DISTINCT player_id)                               AS active_players
  FROM game_moves
  GROUP BY 1, 2
) m ON m.weekday = d.weekday AND m.hour = h.hour;

CREATE VIEW analytics.connection_statistics WITH (security_barrier = true) AS
SELECT (connected_at AT TIME ZONE 'UTC')::date                                    AS day,
       count(*)                                                                   AS connections,
       count(DISTINCT player_id)                                                  AS distinct_players,
       count(*) FILTER (WHERE is_active)                                          AS still_active,
       round(avg(extract(epoch FROM disconnected_at - connected_at)), 1)          AS avg_duration_seconds,
       round(max(extract(epoch FROM disconnected_at - connected_at)), 1)          AS max_duration_seconds
FROM websocket_connections
GROUP BY 1;
