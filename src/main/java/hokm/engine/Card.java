package hokm.engine;

import java.util.List;

/**
 * One of the 52 cards. Instances are interned: there is exactly one object per card, so cards can
 * be compared with {@code ==}, and {@link #index()} (0..51) is what the engine stores in its bit
 * sets. The index is {@code suit.ordinal() * 13 + rank.ordinal()}, so the cards of one suit are 13
 * consecutive bits, ordered by rank.
 */
public final class Card {
  public static final int COUNT = 52;

  private static final Card[] BY_INDEX = new Card[COUNT];
  private static final List<Card> DECK;

  static {
    for (Suit suit : Suit.values()) {
      for (Rank rank : Rank.values()) {
        int index = suit.ordinal() * 13 + rank.ordinal();
        BY_INDEX[index] = new Card(suit, rank, index);
      }
    }
    DECK = List.of(BY_INDEX);
  }

  private final Suit suit;
  private final Rank rank;
  private final int index;

  private Card(Suit suit, Rank rank, int index) {
    this.suit = suit;
    this.rank = rank;
    this.index = index;
  }

  public static Card of(Suit suit, Rank rank) {
    return BY_INDEX[suit.ordinal() * 13 + rank.ordinal()];
  }

  /** The card with this index (0..51). */
  public static Card of(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IllegalArgumentException("card index out of range: " + index);
    }
    return BY_INDEX[index];
  }

  /** The 52 cards in index order (suit by suit, each from 2 to ace). */
  public static List<Card> deck() {
    return DECK;
  }

  /**
   * Parses the short form used in logs and tests: rank symbol then suit letter, e.g. {@code "AH"},
   * {@code "10S"}, {@code "QC"}. Returns null when the text is not a card.
   */
  public static Card parse(String text) {
    if (text == null || text.length() < 2 || text.length() > 3) {
      return null;
    }
    char letter = Character.toUpperCase(text.charAt(text.length() - 1));
    Rank rank = Rank.fromSymbol(text.substring(0, text.length() - 1).toUpperCase());
    if (rank == null) {
      return null;
    }
    for (Suit suit : Suit.values()) {
      if (suit.letter() == letter) {
        return of(suit, rank);
      }
    }
    return null;
  }

  public Suit suit() {
    return suit;
  }

  public Rank rank() {
    return rank;
  }

  public int index() {
    return index;
  }

  long bit() {
    return 1L << index;
  }

  @Override
  public String toString() {
    return rank.symbol() + suit.letter();
  }
}
