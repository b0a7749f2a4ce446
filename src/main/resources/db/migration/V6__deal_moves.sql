-- Each hand's deal (its seed and the cards of each seat; for the first hand also the face-up deal
-- that chose the first hakem) is a row of the move log too, in sequence order before the hand's
-- moves, so one ordered read of game_moves replays a game.
ALTER TABLE game_moves DROP CONSTRAINT game_moves_type_check;
ALTER TABLE game_moves ADD CONSTRAINT game_moves_type_check
  CHECK (move_type IN ('deal', 'choose_trump', 'play_card', 'forfeit', 'stop'));
