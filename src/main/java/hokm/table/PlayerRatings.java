package hokm.table;

import java.util.UUID;

/**
 * How strong quick match takes a player to be: the conservative ordinal ({@code mu - 3 sigma}) of
 * their rating. A guest, an unknown player, or any player while ratings cannot be read counts as a
 * new player ({@link #DEFAULT_ORDINAL}).
 */
public interface PlayerRatings {
  /** The ordinal of a player nothing is known about (OpenSkill's 25 - 3 x 25/3). */
  double DEFAULT_ORDINAL = 0;

  /** The player's ordinal. May read the database: not for a table's mailbox. */
  double ordinal(UUID player);

  /** The ordinal of the fixed rating a level's bots play with. */
  double botOrdinal(BotLevel level);

  /** Everyone and every bot as a new player: without ratings, quick match seats in order. */
  PlayerRatings NONE =
      new PlayerRatings() {
        @Override
        public double ordinal(UUID player) {
          return DEFAULT_ORDINAL;
        }

        @Override
        public double botOrdinal(BotLevel level) {
          return DEFAULT_ORDINAL;
        }
      };
}
