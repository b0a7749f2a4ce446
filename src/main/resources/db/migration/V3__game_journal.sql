-- A game is its 64-bit seed, its rules and its ordered moves; each hand's seed is kept as well so a
-- hand can be re-dealt without replaying the ones before it. Seeds never leave the server: the
-- analytics views do not expose them.
CREATE TABLE game_sessions (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id       varchar(64) NOT NULL,
  session_key   varchar(128) NOT NULL,
  status        varchar(16) NOT NULL DEFAULT 'waiting',
  seed          bigint      NOT NULL,
  target_points smallint    NOT NULL DEFAULT 7,
  kot_scoring   boolean     NOT NULL DEFAULT true,
  is_private    boolean     NOT NULL DEFAULT false,
  join_code     varchar(16),
  game_state    jsonb,
  scores        jsonb       NOT NULL DEFAULT '{"team1": 0, "team2": 0}',
  end_reason    varchar(16),
  winner_team   smallint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  completed_at  timestamptz,
  CONSTRAINT game_sessions_room_id_key UNIQUE (room_id),
  CONSTRAINT game_sessions_session_key_key UNIQUE (session_key),
  CONSTRAINT game_sessions_status_check CHECK (status IN ('waiting', 'active', 'completed', 'abandoned')),
  CONSTRAINT game_sessions_target_points_check CHECK (target_points BETWEEN 1 AND 13),
  CONSTRAINT game_sessions_end_reason_check CHECK (end_reason IN ('finished', 'forfeit', 'abandoned', 'aborted')),
  CONSTRAINT game_sessions_winner_team_check CHECK (winner_team IN (1, 2)),
  CONSTRAINT game_sessions_scores_object CHECK (jsonb_typeof(scores) = 'object'),
  -- A finished or forfeited game has a winner; an abandoned or aborted one has none.
  CONSTRAINT game_sessions_winner_iff_decided
    CHECK (coalesce(end_reason IN ('finished', 'forfeit'), false) = (winner_team IS NOT NULL)),
  CONSTRAINT game_sessions_completed_reason
    CHECK (status <> 'completed' OR end_reason IN ('finished', 'forfeit')),
  CONSTRAINT game_sessions_abandoned_reason
    CHECK (status <> 'abandoned' OR end_reason IN ('abandoned', 'aborted')),
  CONSTRAINT game_sessions_open_has_no_reason
    CHECK (status NOT IN ('waiting', 'active') OR end_reason IS NULL),
  CONSTRAINT game_sessions_ended_iff_completed_at
    CHECK ((status IN ('completed', 'abandoned')) = (completed_at IS NOT NULL)),
  CONSTRAINT game_sessions_active_started CHECK (status <> 'active' OR started_at IS NOT NULL),
  CONSTRAINT game_sessions_time_order CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at),
  CONSTRAINT game_sessions_private_join_code CHECK (NOT is_private OR join_code IS NOT NULL)
);
-- analytics.active_sessions and the lobby scan only open games, a small fraction of all rows.
CREATE INDEX game_sessions_open_idx ON game_sessions (created_at) WHERE status IN ('waiting', 'active');
-- analytics.game_statistics_summary groups by UTC day; a filter on "day" reaches this index.
CREATE INDEX game_sessions_created_day_idx ON game_sessions (((created_at AT TIME ZONE 'UTC')::date));
-- A join code only has to be unique among games that can still be joined.
CREATE UNIQUE INDEX game_sessions_open_join_code_key ON game_sessions (join_code)
  WHERE join_code IS NOT NULL AND status IN ('waiting', 'active');

-- Bots take seats too: they have no player row, only a kind.
CREATE TABLE game_participants (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  game_session_id uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
  player_id       uuid        REFERENCES players (id),
  position        smallint    NOT NULL,
  team            smallint    NOT NULL,
  is_bot          boolean     NOT NULL DEFAULT false,
  bot_kind        varchar(32),
  is_connected    boolean     NOT NULL DEFAULT false,
  joined_at       timestamptz NOT NULL DEFAULT now(),
  left_at         timestamptz,
  CONSTRAINT game_participants_position_check CHECK (position BETWEEN 0 AND 3),
  CONSTRAINT game_participants_team_check CHECK (team IN (1, 2)),
  -- Partners sit opposite: seats 0 and 2 are team 1, seats 1 and 3 team 2.
  CONSTRAINT game_participants_team_of_position CHECK (team = position % 2 + 1),
  CONSTRAINT game_participants_bot_or_player CHECK (is_bot = (player_id IS NULL)),
  CONSTRAINT game_participants_bot_kind CHECK (is_bot = (bot_kind IS NOT NULL)),
  CONSTRAINT game_participants_bot_never_connected CHECK (NOT (is_bot AND is_connected)),
  CONSTRAINT game_participants_seat_key UNIQUE (game_session_id, position),
  CONSTRAINT game_participants_player_key UNIQUE (game_session_id, player_id)
);
-- A player's games (analytics.player_performance, "my games").
CREATE INDEX game_participants_player_idx ON game_participants (player_id) WHERE player_id IS NOT NULL;

CREATE TABLE game_hands (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  game_session_id uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
  hand_number     smallint    NOT NULL,
  hand_seed       bigint      NOT NULL,
  hakem_seat      smallint    NOT NULL,
  trump           varchar(8),
  deal            jsonb,
  team1_tricks    smallint    NOT NULL DEFAULT 0,
  team2_tricks    smallint    NOT NULL DEFAULT 0,
  winner_team     smallint,
  points          smallint,
  started_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  CONSTRAINT game_hands_number_check CHECK (hand_number >= 1),
  CONSTRAINT game_hands_hakem_seat_check CHECK (hakem_seat BETWEEN 0 AND 3),
  CONSTRAINT game_hands_trump_check CHECK (trump IN ('spades', 'hearts', 'diamonds', 'clubs')),
  CONSTRAINT game_hands_tricks_check CHECK (team1_tricks BETWEEN 0 AND 13 AND team2_tricks BETWEEN 0 AND 13
                                            AND team1_tricks + team2_tricks <= 13),
  CONSTRAINT game_hands_winner_team_check CHECK (winner_team IN (1, 2)),
  -- 1 point for a plain win, 2 for a kot, 3 for a kot against the hakem's team.
  CONSTRAINT game_hands_points_check CHECK (points BETWEEN 1 AND 3),
  CONSTRAINT game_hands_result_complete CHECK ((winner_team IS NULL) = (points IS NULL)
                                               AND (winner_team IS NULL) = (completed_at IS NULL)),
  CONSTRAINT game_hands_number_key UNIQUE (game_session_id, hand_number)
);

CREATE TABLE game_moves (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  game_session_id uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
  player_id       uuid        REFERENCES players (id),
  seat            smallint,
  is_bot          boolean     NOT NULL DEFAULT false,
  move_type       varchar(32) NOT NULL,
  move_data       jsonb       NOT NULL DEFAULT '{}',
  sequence_number integer     NOT NULL,
  hand_number     smallint    NOT NULL,
  trick_number    smallint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT game_moves_type_check CHECK (move_type IN ('choose_trump', 'play_card', 'forfeit', 'stop')),
  CONSTRAINT game_moves_sequence_check CHECK (sequence_number >= 1),
  CONSTRAINT game_moves_hand_check CHECK (hand_number >= 1),
  CONSTRAINT game_moves_trick_check CHECK (trick_number BETWEEN 1 AND 13),
  CONSTRAINT game_moves_seat_check CHECK (seat BETWEEN 0 AND 3),
  -- Seat moves (trump, card) name the seat; table moves (forfeit, stop) name none.
  CONSTRAINT game_moves_seat_iff_seat_move CHECK ((move_type IN ('choose_trump', 'play_card')) = (seat IS NOT NULL)),
  CONSTRAINT game_moves_trick_iff_card CHECK ((move_type = 'play_card') = (trick_number IS NOT NULL)),
  CONSTRAINT game_moves_bot_has_no_player CHECK (NOT (is_bot AND player_id IS NOT NULL)),
  CONSTRAINT game_moves_data_object CHECK (jsonb_typeof(move_data) = 'object'),
  -- Replay reads a game's moves in this order; the key's index serves that read.
  CONSTRAINT game_moves_sequence_key UNIQUE (game_session_id, sequence_number)
);

CREATE TABLE websocket_connections (
  id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  player_id       uuid         NOT NULL REFERENCES players (id),
  connection_id   varchar(128) NOT NULL,
  connected_at    timestamptz  NOT NULL DEFAULT now(),
  last_ping       timestamptz,
  disconnected_at timestamptz,
  is_active       boolean      NOT NULL DEFAULT true,
  CONSTRAINT websocket_connections_connection_id_key UNIQUE (connection_id),
  CONSTRAINT websocket_connections_active_iff_open CHECK (is_active = (disconnected_at IS NULL)),
  CONSTRAINT websocket_connections_time_order
    CHECK (disconnected_at IS NULL OR disconnected_at >= connected_at)
);
-- "Is this player online?" and the sweep of stale connections look only at open ones.
CREATE INDEX websocket_connections_active_player_idx ON websocket_connections (player_id) WHERE is_active;
-- analytics.connection_statistics groups by UTC day.
CREATE INDEX websocket_connections_day_idx ON websocket_connections (((connected_at AT TIME ZONE 'UTC')::date));
