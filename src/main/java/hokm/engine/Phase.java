package hokm.engine;

/** Where a game stands. */
public enum Phase {
  /** The hakem holds five cards and must declare the trump. */
  CHOOSING_TRUMP,
  /** Tricks are being played. */
  PLAYING,
  /** The game has ended; see {@link EndReason}. */
  GAME_OVER
}
