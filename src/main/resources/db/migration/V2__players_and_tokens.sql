CREATE TABLE players (
  id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
  username      varchar(32)  NOT NULL,
  email         varchar(254),
  password_hash varchar(100),
  is_guest      boolean      NOT NULL DEFAULT false,
  created_at    timestamptz  NOT NULL DEFAULT now(),
  updated_at    timestamptz  NOT NULL DEFAULT now(),
  last_seen     timestamptz,
  total_games   integer      NOT NULL DEFAULT 0,
  wins          integer      NOT NULL DEFAULT 0,
  losses        integer      NOT NULL DEFAULT 0,
  rating        integer      NOT NULL DEFAULT 1500,
  CONSTRAINT players_username_key UNIQUE (username),
  CONSTRAINT players_email_key UNIQUE (email),
  CONSTRAINT players_username_format CHECK (username ~ '^[A-Za-z0-9_-]{3,32}$'),
  CONSTRAINT players_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  CONSTRAINT players_guest_password CHECK (is_guest = (password_hash IS NULL)),
  CONSTRAINT players_counts_non_negative CHECK (total_games >= 0 AND wins >= 0 AND losses >= 0),
  CONSTRAINT players_results_within_games CHECK (wins + losses <= total_games),
  CONSTRAINT players_rating_range CHECK (rating BETWEEN 0 AND 10000)
);

-- "Ali" and "ali" are one name to people reading a scoreboard; the plain UNIQUE constraints stay
-- because operators rely on them, these make the comparison case-blind.
CREATE UNIQUE INDEX players_username_lower_key ON players (lower(username));
CREATE UNIQUE INDEX players_email_lower_key ON players (lower(email)) WHERE email IS NOT NULL;
-- analytics.leaderboard: top N registered players by rating.
CREATE INDEX players_leaderboard_idx ON players (rating DESC, username) WHERE NOT is_guest AND total_games > 0;

-- Only the SHA-256 of a refresh token is kept, so a leaked table cannot be replayed.
CREATE TABLE refresh_tokens (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  player_id   uuid        NOT NULL REFERENCES players (id) ON DELETE CASCADE,
  family_id   uuid        NOT NULL,
  token_hash  bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  replaced_by uuid        REFERENCES refresh_tokens (id),
  CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
  CONSTRAINT refresh_tokens_hash_length CHECK (octet_length(token_hash) = 32),
  CONSTRAINT refresh_tokens_expiry_after_creation CHECK (expires_at > created_at),
  CONSTRAINT refresh_tokens_replaced_means_revoked CHECK (replaced_by IS NULL OR revoked_at IS NOT NULL)
);
CREATE INDEX refresh_tokens_player_live_idx ON refresh_tokens (player_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
