-- New games are dealt from a 256-bit secret (an HMAC-SHA-256 key stream, see docs/security.md);
-- games recorded before keep only their 64-bit seed. Every game has exactly one of the two.
ALTER TABLE game_sessions ADD COLUMN deal_secret bytea;
ALTER TABLE game_sessions ALTER COLUMN seed DROP NOT NULL;
ALTER TABLE game_sessions ADD CONSTRAINT game_sessions_deal_secret_length
  CHECK (deal_secret IS NULL OR octet_length(deal_secret) = 32);
ALTER TABLE game_sessions ADD CONSTRAINT game_sessions_seed_or_deal_secret
  CHECK ((seed IS NULL) <> (deal_secret IS NULL));

-- A hand dealt from the game's secret has no seed of its own.
ALTER TABLE game_hands ALTER COLUMN hand_seed DROP NOT NULL;

-- While a game is played its secret tells every hidden card. Only the application (which deals and
-- replays) reads it. The read-only role reads the analytics views, which are owned by the owner
-- and select no secret; it holds no privilege on game_sessions, and this makes sure of it in a
-- database where one was granted by hand (revoking a table privilege revokes its column
-- privileges too).
REVOKE ALL ON game_sessions FROM ${readonly_role}, PUBLIC;
