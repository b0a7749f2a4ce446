package hokm.engine;

import java.util.List;

/**
 * Plays like a careful human, from its own seat's view only. It counts the cards played in the
 * hand, so it knows which of its cards are the highest still out ("masters").
 *
 * <ul>
 *   <li>Trump: the suit it holds most of among its five cards; ties go to the stronger cards.
 *   <li>Leading: a master of a side suit; else, holding most of the trumps, a master trump to draw
 *       the rest; else a low card of its longest side suit.
 *   <li>Following: never overtakes a partner who is winning; wins as cheaply as it can, with a card
 *       nobody left can beat in suit when it has one; plays low when it cannot win.
 *   <li>Void in the suit led: trumps in (or over-trumps, cheaply) when an opponent is winning;
 *       otherwise discards its lowest side card.
 * </ul>
 */
public final class HeuristicBot implements Bot {

  @Override
  public Suit chooseTrump(SeatView view) {
    CardSet hand = view.hand();
    Suit best = Suit.SPADES;
    int bestScore = -1;
    for (Suit suit : Suit.all()) {
      int strength = 0;
      for (Card card : hand.ofSuit(suit).toList()) {
        strength += card.rank().ordinal() + 2;
      }
      int score = hand.count(suit) * 100 + strength;
      if (score > bestScore) {
        bestScore = score;
        best = suit;
      }
    }
    return best;
  }

  @Override
  public Card playCard(SeatView view) {
    PublicView table = view.table();
    CardSet legal = view.legal();
    if (legal.size() == 1) {
      return legal.first();
    }
    long unseen = CardSet.ALL_BITS & ~view.hand().bits() & ~table.playedThisHand().bits();
    return table.table().isEmpty()
        ? lead(view, unseen)
        : follow(view, legal, table.table(), table.trump(), unseen);
  }

  private static Card lead(SeatView view, long unseen) {
    CardSet hand = view.hand();
    Suit trump = view.table().trump();
    Card bestMaster = null;
    int bestOutstanding = -1;
    for (Suit suit : Suit.all()) {
      if (suit == trump) {
        continue;
      }
      Card top = hand.ofSuit(suit).last();
      int outstanding = Long.bitCount(unseen & CardSet.suitMask(suit));
      // A master is only worth leading while others still hold the suit and so cannot trump it.
      if (top != null && isMaster(top, unseen) && outstanding > bestOutstanding) {
        bestMaster = top;
        bestOutstanding = outstanding;
      }
    }
    if (bestMaster != null && bestOutstanding >= 2) {
      return bestMaster;
    }
    CardSet trumps = hand.ofSuit(trump);
    int unseenTrumps = Long.bitCount(unseen & CardSet.suitMask(trump));
    if (!trumps.isEmpty() && unseenTrumps > 0 && trumps.size() >= unseenTrumps) {
      Card topTrump = trumps.last();
      if (isMaster(topTrump, unseen)) {
        return topTrump;
      }
    }
    if (bestMaster != null) {
      return bestMaster;
    }
    Suit longest = null;
    for (Suit suit : Suit.all()) {
      if (suit != trump
          && hand.count(suit) > 0
          && (longest == null || hand.count(suit) > hand.count(longest))) {
        longest = suit;
      }
    }
    return longest != null ? hand.ofSuit(longest).first() : trumps.first();
  }

  private static Card follow(
      SeatView view, CardSet legal, List<PlayedCard> played, Suit trump, long unseen) {
    Suit led = played.get(0).card().suit();
    PlayedCard winning = played.get(0);
    for (int i = 1; i < played.size(); i++) {
      if (beats(played.get(i).card(), winning.card(), trump)) {
        winning = played.get(i);
      }
    }
    boolean partnerWinning = winning.seat() == Seats.partner(view.seat());
    boolean lastToPlay = played.size() == Seats.COUNT - 1;
    Card toBeat = winning.card();

    if (view.hand().hasSuit(led)) {
      if (partnerWinning) {
        return legal.first();
      }
      CardSet beaters = beatersOf(legal, toBeat, trump);
      if (beaters.isEmpty()) {
        return legal.first();
      }
      if (lastToPlay) {
        return beaters.first();
      }
      for (Card card : beaters.toList()) {
        if (isMaster(card, unseen)) {
          return card;
        }
      }
      // Second to play keeps its strength for later; third to play tries the cheapest winner.
      return played.size() == 1 ? legal.first() : beaters.first();
    }

    CardSet trumps = legal.ofSuit(trump);
    if (!partnerWinning && !trumps.isEmpty()) {
      CardSet overTrumps = beatersOf(trumps, toBeat, trump);
      if (!overTrumps.isEmpty()) {
        return overTrumps.first();
      }
    }
    return discard(legal, trump);
  }

  /** The lowest card outside the trump suit, or the lowest trump when only trumps are left. */
  private static Card discard(CardSet cards, Suit trump) {
    Card lowest = null;
    for (Suit suit : Suit.all()) {
      if (suit == trump) {
        continue;
      }
      Card low = cards.ofSuit(suit).first();
      if (low != null && (lowest == null || low.rank().ordinal() < lowest.rank().ordinal())) {
        lowest = low;
      }
    }
    return lowest != null ? lowest : cards.ofSuit(trump).first();
  }

  private static CardSet beatersOf(CardSet cards, Card toBeat, Suit trump) {
    long bits = 0L;
    for (Card card : cards.toList()) {
      if (beats(card, toBeat, trump)) {
        bits |= card.bit();
      }
    }
    return CardSet.ofBits(bits);
  }

  private static boolean beats(Card card, Card best, Suit trump) {
    return card.suit() == best.suit()
        ? card.rank().ordinal() > best.rank().ordinal()
        : card.suit() == trump;
  }

  /** True when no unseen card of the same suit ranks higher. */
  private static boolean isMaster(Card card, long unseen) {
    long suit = CardSet.suitMask(card.suit());
    long higherInSuit = suit & ~((card.bit() << 1) - 1);
    return (unseen & higherInSuit) == 0L;
  }
}
