package hokm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.engine.Rank;
import hokm.engine.Suit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/** Guests, cards on the wire, and a player who answers their turns, for tests of play. */
public final class TestFrames {
  private TestFrames() {}

  public static String guestToken(int port) {
    Http.Response response = new Http(port).post("/api/auth/guest", "{}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.text("accessToken");
  }

  public static WsClient guest(int port) {
    return WsClient.login(port, guestToken(port));
  }

  public static Card card(JsonNode node) {
    return Card.of(
        Suit.fromWireName(node.path("suit").asString()),
        Rank.fromSymbol(node.path("rank").asString()));
  }

  public static CardSet cards(JsonNode array) {
    List<Card> cards = new ArrayList<>();
    for (JsonNode node : array) {
      cards.add(card(node));
    }
    return CardSet.of(cards);
  }

  /** Answers a turn frame with a random trump or a random legal card. */
  public static void decide(WsClient client, JsonNode turn, Random random) {
    if (turn.path("phase").asString().equals("choosing_trump")) {
      String[] suits = {"spades", "hearts", "diamonds", "clubs"};
      client.send(Map.of("type", "choose_trump", "suit", suits[random.nextInt(4)]));
    } else {
      JsonNode legal = turn.path("legal");
      JsonNode card = legal.get(random.nextInt(legal.size()));
      client.send(
          Map.of(
              "type",
              "play_card",
              "card",
              Map.of("suit", card.path("suit").asString(), "rank", card.path("rank").asString())));
    }
  }

  private static boolean myTurn(JsonNode frame, int seat) {
    return frame.path("type").asString().equals("turn") && frame.path("seat").asInt() == seat;
  }

  /** Plays this seat's turns until it is to play a card with cards already on the table. */
  public static void playUntilMyTurnWithCardsOnTheTable(WsClient client, int seat, Random random) {
    int onTable = 0;
    while (true) {
      JsonNode frame = client.await(f -> true);
      String type = frame.path("type").asString();
      if (type.equals("card_played")) {
        onTable++;
      } else if (type.equals("trick_won") || type.equals("hand_started")) {
        onTable = 0;
      }
      if (myTurn(frame, seat)) {
        if (frame.path("phase").asString().equals("playing") && onTable > 0) {
          return;
        }
        decide(client, frame, random);
      }
    }
  }

  /** Makes this seat's next {@code count} decisions (or fewer if the game ends). */
  public static void playMoves(WsClient client, int seat, Random random, int count) {
    int made = 0;
    while (made < count) {
      JsonNode frame = client.await(f -> true);
      if (frame.path("type").asString().equals("game_over")) {
        return;
      }
      if (myTurn(frame, seat)) {
        decide(client, frame, random);
        made++;
      }
    }
  }

  /**
   * Answers every turn of these clients with a random decision until each has seen game_over.
   * Frames stay in each client's {@code received}.
   */
  public static void playUntilGameOver(List<WsClient> clients, int[] seats, Random random) {
    boolean[] over = new boolean[clients.size()];
    long deadline = System.nanoTime() + 120_000_000_000L;
    int remaining = clients.size();
    while (remaining > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("game did not end in time");
      }
      for (int i = 0; i < clients.size(); i++) {
        if (over[i]) {
          continue;
        }
        JsonNode frame = clients.get(i).poll(java.time.Duration.ofMillis(5));
        if (frame == null) {
          continue;
        }
        String type = frame.path("type").asString();
        if (type.equals("game_over")) {
          over[i] = true;
          remaining--;
        } else if (type.equals("error")) {
          throw new AssertionError("unexpected error: " + frame);
        } else if (myTurn(frame, seats[i])) {
          decide(clients.get(i), frame, random);
        }
      }
    }
  }
}
