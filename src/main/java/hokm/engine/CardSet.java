package hokm.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of cards, held as a 52-bit mask. Iteration order is the card index order: suit
 * by suit (spades, hearts, diamonds, clubs), each from 2 to ace.
 */
public final class CardSet {
  public static final CardSet EMPTY = new CardSet(0L);

  static final long ALL_BITS = (1L << Card.COUNT) - 1;
  private static final long SUIT_BITS = (1L << 13) - 1;

  private final long bits;

  private CardSet(long bits) {
    this.bits = bits;
  }

  static CardSet ofBits(long bits) {
    return bits == 0L ? EMPTY : new CardSet(bits & ALL_BITS);
  }

  public static CardSet of(Card... cards) {
    long bits = 0L;
    for (Card card : cards) {
      bits |= card.bit();
    }
    return ofBits(bits);
  }

  public static CardSet of(Collection<Card> cards) {
    long bits = 0L;
    for (Card card : cards) {
      bits |= card.bit();
    }
    return ofBits(bits);
  }

  /** The mask of all 13 cards of a suit. */
  static long suitMask(Suit suit) {
    return SUIT_BITS << (suit.ordinal() * 13);
  }

  long bits() {
    return bits;
  }

  public boolean contains(Card card) {
    return (bits & card.bit()) != 0L;
  }

  public int size() {
    return Long.bitCount(bits);
  }

  public boolean isEmpty() {
    return bits == 0L;
  }

  /** The cards of one suit in this set. */
  public CardSet ofSuit(Suit suit) {
    return ofBits(bits & suitMask(suit));
  }

  public int count(Suit suit) {
    return Long.bitCount(bits & suitMask(suit));
  }

  public boolean hasSuit(Suit suit) {
    return (bits & suitMask(suit)) != 0L;
  }

  public CardSet with(Card card) {
    return ofBits(bits | card.bit());
  }

  public CardSet without(Card card) {
    return ofBits(bits & ~card.bit());
  }

  public CardSet union(CardSet other) {
    return ofBits(bits | other.bits);
  }

  public CardSet minus(CardSet other) {
    return ofBits(bits & ~other.bits);
  }

  public boolean intersects(CardSet other) {
    return (bits & other.bits) != 0L;
  }

  /** The lowest card by index, or null when empty. */
  public Card first() {
    return bits == 0L ? null : Card.of(Long.numberOfTrailingZeros(bits));
  }

  /** The highest card by index, or null when empty. */
  public Card last() {
    return bits == 0L ? null : Card.of(63 - Long.numberOfLeadingZeros(bits));
  }

  /** The n-th card (0-based) in index order. */
  public Card get(int n) {
    if (n < 0) {
      throw new IndexOutOfBoundsException(n);
    }
    long rest = bits;
    for (int i = 0; i < n && rest != 0L; i++) {
      rest &= rest - 1;
    }
    if (rest == 0L) {
      throw new IndexOutOfBoundsException(n);
    }
    return Card.of(Long.numberOfTrailingZeros(rest));
  }

  public List<Card> toList() {
    List<Card> list = new ArrayList<>(Long.bitCount(bits));
    for (long rest = bits; rest != 0L; rest &= rest - 1) {
      list.add(Card.of(Long.numberOfTrailingZeros(rest)));
    }
    return Collections.unmodifiableList(list);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardSet other && other.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public String toString() {
    return toList().toString();
  }
}
