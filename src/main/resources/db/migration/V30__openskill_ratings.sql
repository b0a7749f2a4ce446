-- Ratings are OpenSkill's (Weng and Lin's Bayesian rating, the Plackett-Luce model with the
-- openskill package's defaults; hokm.rating.OpenSkill): a mean (rating_mu) and an uncertainty
-- (rating_sigma) per player, ranked by the conservative ordinal mu - 3 sigma. They replace the team
-- Elo of players.rating, which cannot be turned into a mean and an uncertainty: everyone starts
-- again from OpenSkill's defaults (mu 25, sigma 25/3, ordinal 0); the game counters stay. The views
-- that showed rating are dropped here and created again below.
DROP VIEW analytics.leaderboard;
DROP VIEW analytics.player_performance;
DROP INDEX players_leaderboard_idx;
ALTER TABLE players DROP CONSTRAINT players_rating_range;
ALTER TABLE players DROP COLUMN rating;

-- rated_games counts the games that changed the rating (the leaderboard's minimum is on it);
-- total_games also counts those played before this migration. A guest is never rated: its rating
-- stays at the defaults and its rated_games at 0.
ALTER TABLE players
  ADD COLUMN rating_mu      double precision NOT NULL DEFAULT 25,
  ADD COLUMN rating_sigma   double precision NOT NULL DEFAULT 25::double precision / 3,
  ADD COLUMN rating_ordinal double precision GENERATED ALWAYS AS (rating_mu - 3 * rating_sigma) STORED,
  ADD COLUMN rated_games    integer          NOT NULL DEFAULT 0;
-- Finite numbers only (NaN compares greater than every number in PostgreSQL, so these refuse it).
ALTER TABLE players ADD CONSTRAINT players_rating_finite
  CHECK (rating_mu BETWEEN -1000 AND 1000 AND rating_sigma > 0 AND rating_sigma < 100);
ALTER TABLE players ADD CONSTRAINT players_rated_games_range
  CHECK (rated_games BETWEEN 0 AND total_games);
-- GET /api/leaderboard: registered players with rated games, best ordinal first.
CREATE INDEX players_leaderboard_idx ON players (rating_ordinal DESC, username)
  WHERE NOT is_guest AND rated_games > 0;

-- Each bot level plays as one fixed player: its rating goes into every game a bot of that level
-- plays and is never updated (the application may only read this table). Normal is a new player's
-- mean; easy and hard sit where OpenSkill's win prediction reproduces the measured matches between
-- the levels (docs/benchmarks.md: two hard bots beat two normal ones 82.1 % of the time, two easy
-- ones 36.7 %; scripts/openskill/bot-ratings.mjs computes them). Sigma 1: their strength is known,
-- so a human playing with or against bots takes nearly all of the update.
CREATE TABLE bot_ratings (
  bot_level    varchar(8)       PRIMARY KEY,
  rating_mu    double precision NOT NULL,
  rating_sigma double precision NOT NULL,
  CONSTRAINT bot_ratings_level_check CHECK (bot_level IN ('easy', 'normal', 'hard')),
  CONSTRAINT bot_ratings_finite CHECK (rating_mu BETWEEN -1000 AND 1000 AND rating_sigma > 0 AND rating_sigma < 100)
);
INSERT INTO bot_ratings (bot_level, rating_mu, rating_sigma) VALUES
  ('easy', 23.94, 1), ('normal', 25, 1), ('hard', 27.86, 1);
GRANT SELECT ON bot_ratings TO ${app_role};

-- One row per rated player and game, written in the transaction that records the game's result
-- (so exactly once, like the counters): the rating before and after, for the rating curve of
-- GET /api/players/{username}.
CREATE TABLE rating_history (
  id              uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
  player_id       uuid             NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  game_session_id uuid             NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
  mu_before       double precision NOT NULL,
  sigma_before    double precision NOT NULL,
  ordinal_before  double precision GENERATED ALWAYS AS (mu_before - 3 * sigma_before) STORED,
  mu_after        double precision NOT NULL,
  sigma_after     double precision NOT NULL,
  ordinal_after   double precision GENERATED ALWAYS AS (mu_after - 3 * sigma_after) STORED,
  played_at       timestamptz      NOT NULL,
  CONSTRAINT rating_history_once UNIQUE (player_id, game_session_id),
  CONSTRAINT rating_history_finite CHECK (
    mu_before BETWEEN -1000 AND 1000 AND sigma_before > 0 AND sigma_before < 100
    AND mu_after BETWEEN -1000 AND 1000 AND sigma_after > 0 AND sigma_after < 100)
);
-- A player's curve, oldest first.
CREATE INDEX rating_history_player_idx ON rating_history (player_id, played_at);
CREATE INDEX rating_history_session_idx ON rating_history (game_session_id);

-- Appended to, never rewritten.
GRANT SELECT, INSERT ON rating_history TO ${app_role};

-- The views again, with the new rating in place of the old.
CREATE VIEW analytics.player_performance WITH (security_barrier = true) AS
SELECT p.id                                   AS player_id,
       p.username,
       p.is_guest,
       p.rating_mu,
       p.rating_sigma,
       p.rating_ordinal,
       p.rated_games,
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

-- Registered players with at least one rated game, best ordinal first. The application ranks them
-- among those with enough rated games (hokm.leaderboard.min-games); guests are left out: a
-- throwaway name on the board says nothing about a player.
CREATE VIEW analytics.leaderboard WITH (security_barrier = true) AS
SELECT p.id                                                    AS player_id,
       p.username,
       p.rating_mu,
       p.rating_sigma,
       p.rating_ordinal,
       p.rated_games,
       p.total_games,
       p.wins,
       p.losses,
       round(p.wins::numeric / p.total_games, 4)               AS win_rate,
       p.last_seen
FROM players p
WHERE NOT p.is_guest AND p.rated_games > 0
ORDER BY p.rating_ordinal DESC, p.username;

-- What a public profile shows of a player (no address, no password, no token).
CREATE VIEW analytics.player_profiles WITH (security_barrier = true) AS
SELECT p.id AS player_id,
       p.username,
       p.is_guest,
       p.rating_mu,
       p.rating_sigma,
       p.rating_ordinal,
       p.rated_games,
       p.total_games,
       p.wins,
       p.losses,
       p.created_at
FROM players p;

-- Each human's decided games (finished or forfeited), as they sat at them.
CREATE VIEW analytics.player_results WITH (security_barrier = true) AS
SELECT gp.player_id,
       s.id                          AS game_session_id,
       gp.position                   AS seat,
       gp.team,
       s.winner_team,
       s.winner_team = gp.team       AS won,
       s.end_reason,
       s.scores,
       s.is_private,
       s.bot_level,
       s.started_at,
       s.completed_at
FROM game_participants gp
JOIN game_sessions s ON s.id = gp.game_session_id
WHERE gp.player_id IS NOT NULL AND s.status = 'completed';

CREATE VIEW analytics.rating_history WITH (security_barrier = true) AS
SELECT h.player_id,
       p.username,
       h.game_session_id,
       h.mu_before,
       h.sigma_before,
       h.ordinal_before,
       h.mu_after,
       h.sigma_after,
       h.ordinal_after,
       h.played_at
FROM rating_history h
JOIN players p ON p.id = h.player_id;

GRANT SELECT ON analytics.player_performance, analytics.leaderboard, analytics.player_profiles,
  analytics.player_results, analytics.rating_history TO ${app_role}, ${readonly_role};
