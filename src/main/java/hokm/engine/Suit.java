package hokm.engine;

import java.util.List;

/** The four suits. No suit outranks another except the trump of the hand. */
public enum Suit {
  SPADES("spades", 'S'),
  HEARTS("hearts", 'H'),
  DIAMONDS("diamonds", 'D'),
  CLUBS("clubs", 'C');

  private static final List<Suit> ALL = List.of(values());

  private final String wireName;
  private final char letter;

  Suit(String wireName, char letter) {
    this.wireName = wireName;
    this.letter = letter;
  }

  /** The lower-case name used on the wire and in records, e.g. {@code "hearts"}. */
  public String wireName() {
    return wireName;
  }

  public char letter() {
    return letter;
  }

  public static List<Suit> all() {
    return ALL;
  }

  /** Parses a wire name ({@code "hearts"}); returns null for anything else. */
  public static Suit fromWireName(String name) {
    if (name == null) {
      return null;
    }
    for (Suit suit : ALL) {
      if (suit.wireName.equals(name)) {
        return suit;
      }
    }
    return null;
  }
}
