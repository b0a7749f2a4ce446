-- An email address is an unverified contact address, not an identifier (players log in by name).
-- Unique addresses let anyone learn whether an address has an account by trying to register with
-- it, and let a stranger squat someone else's address; so addresses no longer need to be unique.
ALTER TABLE players DROP CONSTRAINT players_email_key;
DROP INDEX players_email_lower_key;
