package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.engine.EndReason;
import hokm.engine.GameEvent;
import hokm.engine.Move;
import hokm.engine.Rank;
import hokm.engine.Referee;
import hokm.engine.Rules;
import hokm.engine.Suit;
import hokm.engine.TeamCounts;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Four real WebSocket clients play whole games; every frame is checked against the rules. */
@IntegrationTest
class GameplayTest {
  @LocalServerPort int port;

  @Test
  void fourPlayersPlayAPrivateTableToTheEndAndEveryFrameObeysTheRules() {
    List<WsClient> clients = Players.guests(port, 4);
    JsonNode created =
        clients.get(0).request(Map.of("type", "create_table", "private", true, "targetPoints", 2));
    assertThat(created.path("type").asString()).isEqualTo("table_state");
    String code = created.path("code").asString();
    assertThat(code).hasSizeGreaterThanOrEqualTo(8);
    int[] seats = new int[4];
    seats[0] = Players.seatOf(created);
    for (int i = 1; i < 4; i++) {
      JsonNode joined =
          clients.get(i).request(Map.of("type", "join_table", "code", code.toLowerCase()));
      assertThat(joined.path("type").asString()).as(joined.toString()).isEqualTo("table_state");
      seats[i] = Players.seatOf(joined);
    }
    assertThat(seats).containsExactlyInAnyOrder(0, 1, 2, 3);

    Players.playUntilGameOver(clients, seats, new Random(1));

    checkAgainstTheRules(clients, seats, new Rules(2, true));
    for (WsClient client : clients) {
      client.close();
    }
  }

  /**
   * Rebuilds the game from what the four clients received and replays it through an independent
   * referee; checks that seq has no gaps, and that no frame to a player holds another's card.
   */
  static void checkAgainstTheRules(List<WsClient> clients, int[] seats, Rules rules) {
    List<TreeMap<Long, JsonNode>> bySeq = new ArrayList<>();
    for (WsClient client : clients) {
      TreeMap<Long, JsonNode> frames = new TreeMap<>();
      synchronized (client.received) {
        for (JsonNode frame : client.received) {
          if (frame.has("seq") && !frame.path("type").asString().equals("table_state")) {
            JsonNode previous = frames.put(frame.path("seq").asLong(), frame);
            assertThat(previous).as("one frame per seq").isNull();
          }
          assertThat(frame.toString()).doesNotContain("seed");
        }
      }
      bySeq.add(frames);
    }
    long start =
        bySeq.get(0).entrySet().stream()
            .filter(e -> e.getValue().path("type").asString().equals("game_started"))
            .findFirst()
            .orElseThrow()
            .getKey();
    long end = bySeq.get(0).lastKey();
    for (TreeMap<Long, JsonNode> frames : bySeq) {
      assertThat(frames.subMap(start, true, end, true).keySet())
          .as("every client sees every seq from the start of the game, without gaps")
          .hasSize((int) (end - start + 1));
    }

    Referee referee = new Referee(rules);
    List<GameEvent> opening = new ArrayList<>();
    Move pendingMove = null;
    List<GameEvent> pendingEvents = new ArrayList<>();
    int hakem = -1;
    for (long seq = start + 1; seq <= end; seq++) {
      JsonNode frame = bySeq.get(0).get(seq);
      String type = frame.path("type").asString();
      GameEvent event = null;
      Move move = null;
      switch (type) {
        case "hakem_chosen" -> {
          hakem = frame.path("hakem").asInt();
          List<Card> dealt = new ArrayList<>();
          frame.path("dealt").forEach(node -> dealt.add(card(node)));
          assertThat(dealt.get(dealt.size() - 1).rank()).isEqualTo(Rank.ACE);
          event = new GameEvent.HakemChosen(hakem, frame.path("firstSeat").asInt(), dealt);
        }
        case "hand_started" -> {
          hakem = frame.path("hakem").asInt();
          event = new GameEvent.HandStarted(frame.path("handNumber").asInt(), hakem);
        }
        case "cards_dealt" -> {
          for (int k = 0; k < 4; k++) {
            int seat = (hakem + k) % 4;
            JsonNode own = bySeq.get(indexOf(seats, seat)).get(seq);
            GameEvent dealt =
                new GameEvent.CardsDealt(seat, cards(own.path("cards")), cards(own.path("hand")));
            (pendingMove == null ? opening : pendingEvents).add(dealt);
          }
        }
        case "trump_chosen" -> {
          Suit trump = Suit.fromWireName(frame.path("trump").asString());
          move = new Move.ChooseTrump(frame.path("hakem").asInt(), trump);
          event = new GameEvent.TrumpChosen(frame.path("hakem").asInt(), trump);
        }
        case "card_played" -> {
          Card card = card(frame.path("card"));
          move = new Move.PlayCard(frame.path("seat").asInt(), card);
          event = new GameEvent.CardPlayed(frame.path("seat").asInt(), card);
        }
        case "trick_won" ->
            event =
                new GameEvent.TrickWon(
                    frame.path("seat").asInt(),
                    frame.path("team").asInt(),
                    teams(frame.path("tricks")));
        case "hand_over" ->
            event =
                new GameEvent.HandOver(
                    frame.path("handNumber").asInt(),
                    frame.path("winnerTeam").asInt(),
                    frame.path("points").asInt(),
                    frame.path("kot").asBoolean(),
                    frame.path("hakemKot").asBoolean(),
                    teams(frame.path("tricks")),
                    teams(frame.path("scores")),
                    frame.path("nextHakem").asInt());
        case "game_over" ->
            event =
                new GameEvent.GameOver(
                    frame.path("winnerTeam").asInt(),
                    teams(frame.path("scores")),
                    EndReason.valueOf(frame.path("reason").asString().toUpperCase()));
        case "turn" -> {
          for (int i = 0; i < 4; i++) {
            JsonNode own = bySeq.get(i).get(seq);
            boolean mine = own.path("seat").asInt() == seats[i];
            boolean playing = own.path("phase").asString().equals("playing");
            assertThat(own.has("legal"))
                .as("legal only to the player to move")
                .isEqualTo(mine && playing);
          }
        }
        default -> {}
      }
      if (move != null) {
        if (pendingMove == null) {
          referee.opening(opening);
        } else {
          referee.accepted(pendingMove, pendingEvents);
        }
        pendingMove = move;
        pendingEvents = new ArrayList<>();
      }
      if (event != null) {
        (pendingMove == null ? opening : pendingEvents).add(event);
      }
    }
    referee.accepted(pendingMove, pendingEvents);
    referee.finished();

    // No frame to a player holds a card dealt to another seat in that hand.
    for (int i = 0; i < 4; i++) {
      Map<Integer, CardSet> ownDeal = new HashMap<>();
      int hand = 0;
      for (JsonNode frame : clients.get(i).received) {
        String type = frame.path("type").asString();
        if (type.equals("hand_started")) {
          hand = frame.path("handNumber").asInt();
        }
        if (type.equals("cards_dealt")) {
          ownDeal.merge(hand, cards(frame.path("cards")), CardSet::union);
        }
        for (String field : List.of("cards", "hand", "legal")) {
          if (frame.has(field) && frame.get(field).isArray()) {
            CardSet shown = cards(frame.get(field));
            assertThat(shown.minus(ownDeal.getOrDefault(hand, CardSet.EMPTY)).isEmpty())
                .as("frame %s to seat %d shows only its own cards", frame, seats[i])
                .isTrue();
          }
        }
      }
    }
  }

  private static int indexOf(int[] seats, int seat) {
    for (int i = 0; i < seats.length; i++) {
      if (seats[i] == seat) {
        return i;
      }
    }
    throw new AssertionError("no client at seat " + seat);
  }

  static Card card(JsonNode node) {
    return Card.of(
        Suit.fromWireName(node.path("suit").asString()),
        Rank.fromSymbol(node.path("rank").asString()));
  }

  static CardSet cards(JsonNode array) {
    List<Card> cards = new ArrayList<>();
    for (JsonNode node : array) {
      cards.add(card(node));
    }
    return CardSet.of(cards);
  }

  private static TeamCounts teams(JsonNode node) {
    return new TeamCounts(node.path("team1").asInt(), node.path("team2").asInt());
  }
}
