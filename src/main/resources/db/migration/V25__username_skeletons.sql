-- Names that only look alike. Usernames are ASCII letters, digits, '_' and '-' (players_username_format),
-- so no Unicode confusable can be registered at all; within ASCII, a name's skeleton folds case,
-- drops '_' and '-', and maps the look-alikes rn->m, vv->w, 0->o, 1/i->l, 5->s. A new name whose
-- skeleton equals an existing name's, or a reserved name's, is refused. One implementation, here,
-- used by the generated column and by the sign-up check alike.
CREATE FUNCTION username_skeleton(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN translate(
           replace(replace(translate(lower(name), '_-', ''), 'rn', 'm'), 'vv', 'w'),
           '01i5', 'olls');

ALTER TABLE players
  ADD COLUMN username_skeleton text GENERATED ALWAYS AS (username_skeleton(username)) STORED;
CREATE INDEX players_username_skeleton_idx ON players (username_skeleton);

-- Names nobody may take, nor anything that looks like them: staff, the system, bots.
CREATE TABLE reserved_usernames (
  name varchar(32) PRIMARY KEY
);
INSERT INTO reserved_usernames (name) VALUES
  ('admin'), ('administrator'), ('root'), ('system'), ('sysop'), ('superuser'), ('moderator'),
  ('mod'), ('staff'), ('support'), ('help'), ('official'), ('operator'), ('owner'), ('security'),
  ('hokm'), ('server'), ('bot'), ('bots'), ('robot'), ('guest'), ('anonymous'), ('null'),
  ('undefined'), ('nobody'), ('everyone'), ('spectator'), ('hakem');
GRANT SELECT ON reserved_usernames TO ${app_role};
