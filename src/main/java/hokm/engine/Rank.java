package hokm.engine;

import java.util.List;

/** Card ranks, low to high. */
public enum Rank {
  TWO("2"),
  THREE("3"),
  FOUR("4"),
  FIVE("5"),
  SIX("6"),
  SEVEN("7"),
  EIGHT("8"),
  NINE("9"),
  TEN("10"),
  JACK("J"),
  QUEEN("Q"),
  KING("K"),
  ACE("A");

  private static final List<Rank> ALL = List.of(values());

  private final String symbol;

  Rank(String symbol) {
    this.symbol = symbol;
  }

  /**
   * The symbol used on the wire: {@code "2"} .. {@code "10"}, {@code "J"}, {@code "Q"}, {@code
   * "K"}, {@code "A"}.
   */
  public String symbol() {
    return symbol;
  }

  public static List<Rank> all() {
    return ALL;
  }

  /** Parses a symbol ({@code "Q"}); returns null for anything else. */
  public static Rank fromSymbol(String symbol) {
    if (symbol == null) {
      return null;
    }
    for (Rank rank : ALL) {
      if (rank.symbol.equals(symbol)) {
        return rank;
      }
    }
    return null;
  }
}
