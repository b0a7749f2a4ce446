-- The application gets the DML it uses and nothing else: no DDL (it owns nothing and has no CREATE
-- on any schema), no DELETE where history must stay, and the move log is append-only.
GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON players TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON game_sessions TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON game_participants TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON game_hands TO ${app_role};
GRANT SELECT, INSERT ON game_moves TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON websocket_connections TO ${app_role};

-- Both roles read the analytics views (the application serves the public leaderboard from them).
GRANT USAGE ON SCHEMA analytics TO ${app_role}, ${readonly_role};
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ${app_role}, ${readonly_role};
