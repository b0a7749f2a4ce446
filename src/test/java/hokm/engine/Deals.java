package hokm.engine;

import java.util.ArrayList;
import java.util.List;

/** Builds packs that deal given hands, for tests that need a particular deal. */
final class Deals {
  private Deals() {}

  /** Parses "AS KS 10H" into cards. */
  static List<Card> cards(String text) {
    List<Card> cards = new ArrayList<>();
    for (String part : text.trim().split("\\s+")) {
      Card card = Card.parse(part);
      if (card == null) {
        throw new IllegalArgumentException("not a card: " + part);
      }
      cards.add(card);
    }
    return cards;
  }

  /**
   * A pack that deals {@code hands[seat]} (13 cards each, the first five being those dealt before
   * the trump) when {@code hakem} deals first.
   */
  static byte[] pack(int hakem, List<List<Card>> hands) {
    byte[] pack = new byte[Card.COUNT];
    for (int i = 0; i < 4; i++) {
      List<Card> hand = hands.get((hakem + i) % 4);
      if (hand.size() != 13) {
        throw new IllegalArgumentException("a hand has 13 cards, not " + hand.size());
      }
      for (int c = 0; c < 5; c++) {
        pack[5 * i + c] = (byte) hand.get(c).index();
      }
      for (int round = 0; round < 2; round++) {
        for (int c = 0; c < 4; c++) {
          pack[20 + round * 16 + 4 * i + c] = (byte) hand.get(5 + 4 * round + c).index();
        }
      }
    }
    return pack;
  }

  /**
   * Hands where {@code seat} holds all 13 cards of {@code suit}; the other 39 cards go round the
   * other seats in index order.
   */
  static List<List<Card>> oneSuitTo(int seat, Suit suit) {
    List<List<Card>> hands = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      hands.add(new ArrayList<>());
    }
    int next = (seat + 1) % 4;
    for (Card card : Card.deck()) {
      if (card.suit() == suit) {
        hands.get(seat).add(card);
      } else {
        hands.get(next).add(card);
        next = (next + 1) % 4;
        if (next == seat) {
          next = (next + 1) % 4;
        }
      }
    }
    return hands;
  }
}
