package hokm.engine;

import java.util.List;

/**
 * A beginner: plays legal, sensible cards but remembers nothing, so it cannot tell which of its
 * cards are the highest still out. It declares its longest suit; leads an ace or a king when it has
 * one, else a low card of its longest side suit; follows with the highest card it holds when that
 * beats the table (the cheapest winner when it plays last) and low otherwise; never beats a partner
 * who is winning; trumps with its lowest trump that wins when it cannot follow and an opponent is
 * winning, and otherwise throws its lowest side card.
 */
public final class EasyBot implements Bot {

  @Override
  public Suit chooseTrump(SeatView view) {
    long hand = view.hand().bits();
    int best = 0;
    for (int suit = 1; suit < 4; suit++) {
      if (Long.bitCount(hand & Playout.suitMask(suit))
          > Long.bitCount(hand & Playout.suitMask(best))) {
        best = suit;
      }
    }
    return Suit.all().get(best);
  }

  @Override
  public Card playCard(SeatView view) {
    long legal = view.legal().bits();
    if (Long.bitCount(legal) == 1) {
      return Card.of(Playout.lowest(legal));
    }
    PublicView table = view.table();
    int trump = table.trump().ordinal();
    return Card.of(
        table.table().isEmpty()
            ? lead(legal, trump)
            : follow(view.seat(), legal, table.table(), trump));
  }

  private static int lead(long hand, int trump) {
    int high = -1;
    int longest = -1;
    for (int suit = 0; suit < 4; suit++) {
      long cards = hand & Playout.suitMask(suit);
      if (suit == trump || cards == 0L) {
        continue;
      }
      int top = Playout.highest(cards);
      if (Playout.rankOf(top) >= Rank.KING.ordinal()
          && (high < 0 || Playout.rankOf(top) > Playout.rankOf(high))) {
        high = top;
      }
      if (longest < 0 || Long.bitCount(cards) > Long.bitCount(hand & Playout.suitMask(longest))) {
        longest = suit;
      }
    }
    if (high >= 0) {
      return high;
    }
    return longest >= 0
        ? Playout.lowest(hand & Playout.suitMask(longest))
        : Playout.lowest(hand & Playout.suitMask(trump));
  }

  private static int follow(int seat, long legal, List<PlayedCard> played, int trump) {
    int led = played.get(0).card().suit().ordinal();
    PlayedCard winning = played.get(0);
    for (PlayedCard card : played) {
      if (Playout.beats(card.card().index(), winning.card().index(), trump)) {
        winning = card;
      }
    }
    if (winning.seat() == Seats.partner(seat)) {
      return Playout.discard(legal, trump);
    }
    long beaters = Playout.beatersOf(legal, winning.card().index(), trump);
    if ((legal & Playout.suitMask(led)) != 0L) {
      if (beaters == 0L) {
        return Playout.lowest(legal);
      }
      return played.size() == Seats.COUNT - 1 ? Playout.lowest(beaters) : Playout.highest(beaters);
    }
    long trumps = beaters & Playout.suitMask(trump);
    return trumps != 0L ? Playout.lowest(trumps) : Playout.discard(legal, trump);
  }
}
