package hokm.engine;

import java.util.List;

/**
 * What anyone at or around the table may see: no hand is in it. Spectators get exactly this; a
 * seat's view ({@link SeatView}) adds that seat's own hand.
 *
 * @param hand 1-based number of the current hand
 * @param hakem the hakem's seat
 * @param trump the trump of the hand, or null before the hakem declared it
 * @param turn the seat to act (the hakem while choosing trump), or -1 once the game is over
 * @param table the cards of the current trick in the order played
 * @param tricks the completed tricks of the current hand
 * @param trickCounts tricks won per team in the current hand
 * @param scores points per team in the game
 * @param winnerTeam 1 or 2 once the game is won, else 0
 * @param endReason why the game ended, or null while it runs
 */
public record PublicView(
    Phase phase,
    Rules rules,
    int hand,
    int hakem,
    Suit trump,
    int turn,
    List<PlayedCard> table,
    List<Trick> tricks,
    TeamCounts trickCounts,
    TeamCounts scores,
    int winnerTeam,
    EndReason endReason) {

  /** The suit led in the current trick, or null when the table is empty. */
  public Suit ledSuit() {
    return table.isEmpty() ? null : table.get(0).card().suit();
  }

  /** Every card played in the current hand so far: completed tricks and the table. */
  public CardSet playedThisHand() {
    long bits = 0L;
    for (Trick trick : tricks) {
      for (PlayedCard played : trick.cards()) {
        bits |= played.card().bit();
      }
    }
    for (PlayedCard played : table) {
      bits |= played.card().bit();
    }
    return CardSet.ofBits(bits);
  }
}
