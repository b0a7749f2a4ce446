package hokm.engine;

/** Something a player or the table does to a game. A game is its seed plus its list of moves. */
public sealed interface Move {

  /** The hakem declares the trump suit. */
  record ChooseTrump(int seat, Suit suit) implements Move {}

  /** A player plays a card to the current trick. */
  record PlayCard(int seat, Card card) implements Move {}

  /** A team gives up; the other team wins the game. */
  record Forfeit(int team) implements Move {}

  /**
   * The game is stopped with no winner: {@link EndReason#ABANDONED} (no humans left) or {@link
   * EndReason#ABORTED} (an operator stopped it).
   */
  record Stop(EndReason reason) implements Move {}
}
