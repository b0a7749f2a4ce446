package hokm.engine;

import java.util.List;

/**
 * What happened when a move was applied. Every event is public except {@link CardsDealt}, which
 * belongs to one seat only ({@link #isPrivate()}).
 */
public sealed interface GameEvent {

  /** True when only {@link PrivateEvent#seat()} may see the event. */
  default boolean isPrivate() {
    return false;
  }

  /** An event for one seat's eyes only. */
  sealed interface PrivateEvent extends GameEvent {
    int seat();

    @Override
    default boolean isPrivate() {
      return true;
    }
  }

  /**
   * The first hakem was found by dealing cards face up, one at a time from {@code firstSeat} in
   * playing order, until an ace: {@code dealt} are those cards, the last one is the ace.
   */
  record HakemChosen(int hakem, int firstSeat, List<Card> dealt) implements GameEvent {}

  /** A new hand begins: the pack is shuffled and the hakem will declare the trump. */
  record HandStarted(int hand, int hakem) implements GameEvent {}

  /**
   * Cards were dealt to a seat: {@code cards} are the new ones, {@code hand} is the whole hand
   * after the deal.
   */
  record CardsDealt(int seat, CardSet cards, CardSet hand) implements PrivateEvent {}

  record TrumpChosen(int hakem, Suit trump) implements GameEvent {}

  record CardPlayed(int seat, Card card) implements GameEvent {}

  /** A trick was won by {@code seat}; {@code tricks} are the hand's trick counts after it. */
  record TrickWon(int seat, int team, TeamCounts tricks) implements GameEvent {}

  /**
   * A hand ended because a team took 7 tricks.
   *
   * @param kot the hakem's team won every trick
   * @param hakemKot the hakem's opponents won every trick
   * @param points the points the winner scored (1, or 2 for kot and 3 for hakem kot when kot
   *     scoring is on)
   */
  record HandOver(
      int hand,
      int winnerTeam,
      int points,
      boolean kot,
      boolean hakemKot,
      TeamCounts tricks,
      TeamCounts scores,
      int nextHakem)
      implements GameEvent {}

  /** The game ended; {@code winnerTeam} is 0 when nobody won (abandoned or aborted). */
  record GameOver(int winnerTeam, TeamCounts scores, EndReason reason) implements GameEvent {}
}
