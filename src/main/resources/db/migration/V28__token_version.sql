-- Every access token carries the player's token version when it was issued; revoking a player's
-- sessions (log out everywhere, a password change, a reused refresh token) adds one, and tokens
-- carrying a lower version are refused from then on. Tokens issued before this column existed
-- carry no version and count as 0, the value every existing player starts with.
ALTER TABLE players ADD COLUMN token_version bigint NOT NULL DEFAULT 0;
ALTER TABLE players ADD CONSTRAINT players_token_version_non_negative CHECK (token_version >= 0);
