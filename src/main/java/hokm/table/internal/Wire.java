package hokm.table.internal;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.engine.PlayedCard;
import hokm.engine.TeamCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How engine values look on the wire. */
public final class Wire {
  private static final Map<Card, Map<String, Object>> CARDS = new java.util.IdentityHashMap<>();

  static {
    for (Card card : Card.deck()) {
      CARDS.put(card, Map.of("suit", card.suit().wireName(), "rank", card.rank().symbol()));
    }
  }

  private Wire() {}

  public static Map<String, Object> card(Card card) {
    return CARDS.get(card);
  }

  public static List<Object> cards(List<Card> cards) {
    List<Object> list = new ArrayList<>(cards.size());
    for (Card card : cards) {
      list.add(card(card));
    }
    return list;
  }

  public static List<Object> cards(CardSet cards) {
    return cards(cards.toList());
  }

  public static List<Object> played(List<PlayedCard> played) {
    List<Object> list = new ArrayList<>(played.size());
    for (PlayedCard p : played) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seat", p.seat());
      entry.put("card", card(p.card()));
      list.add(entry);
    }
    return list;
  }

  public static Map<String, Object> teams(TeamCounts counts) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("team1", counts.team1());
    map.put("team2", counts.team2());
    return map;
  }
}
