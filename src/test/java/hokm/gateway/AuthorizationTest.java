package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every table action is checked against the player behind the socket: nobody acts for another seat,
 * sees another's cards or learns another's player id.
 */
@IntegrationTest
class AuthorizationTest {
  @LocalServerPort int port;

  private static String type(JsonNode frame) {
    return frame.path("type").asString();
  }

  private static String code(JsonNode frame) {
    return frame.path("code").asString();
  }

  private static Map<String, Object> play(Card card, Object... extra) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "play_card");
    frame.put("card", Map.of("suit", card.suit().wireName(), "rank", card.rank().symbol()));
    for (int i = 0; i < extra.length; i += 2) {
      frame.put((String) extra[i], extra[i + 1]);
    }
    return frame;
  }

  private record Player(String id, String token, WsClient client) {}

  private Player player() {
    Http.Response guest = new Http(port).post("/api/auth/guest", "{}");
    String token = guest.text("accessToken");
    String id = guest.json().path("player").path("id").asString();
    return new Player(id, token, WsClient.login(port, token));
  }

  private static int indexOf(int[] seats, int seat) {
    for (int i = 0; i < seats.length; i++) {
      if (seats[i] == seat) {
        return i;
      }
    }
    throw new AssertionError("no client at seat " + seat);
  }

  @Test
  void nobodyActsForAnotherSeatAndNoFrameCarriesAnotherPlayersId() {
    List<Player> players = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      players.add(player());
    }
    JsonNode created =
        players
            .get(0)
            .client()
            .request(
                Map.of(
                    "type",
                    "create_table",
                    "private",
                    true,
                    "turnSeconds",
                    300,
                    "targetPoints",
                    1));
    int[] seats = new int[4];
    seats[0] = Players.seatOf(created);
    for (int i = 1; i < 4; i++) {
      seats[i] =
          Players.seatOf(
              players
                  .get(i)
                  .client()
                  .request(Map.of("type", "join_table", "code", created.path("code").asString())));
    }
    Player stranger = player();
    Player spectator = player();
    assertThat(
            code(
                stranger.client().requestError(Map.of("type", "join_table", "code", "WRONGCODE7"))))
        .isEqualTo("TABLE_NOT_FOUND");
    JsonNode watching =
        spectator
            .client()
            .request(Map.of("type", "spectate", "code", created.path("code").asString()));
    assertThat(type(watching)).isEqualTo("table_state");
    assertThat(watching.has("code"))
        .as("spectators are not given the code, not even null")
        .isFalse();

    JsonNode firstTurn = players.get(0).client().awaitType("turn");
    int hakem = firstTurn.path("seat").asInt();
    Player hakemPlayer = players.get(indexOf(seats, hakem));
    Player next = players.get(indexOf(seats, (hakem + 1) % 4));
    // Only the hakem chooses the trump; nobody else, and no stranger or spectator.
    assertThat(code(next.client().requestError(Map.of("type", "choose_trump", "suit", "clubs"))))
        .isEqualTo("NOT_HAKEM");
    assertThat(
            code(spectator.client().requestError(Map.of("type", "choose_trump", "suit", "clubs"))))
        .isEqualTo("NOT_A_PLAYER");
    assertThat(
            code(stranger.client().requestError(Map.of("type", "choose_trump", "suit", "clubs"))))
        .isEqualTo("NOT_AT_TABLE");
    assertThat(type(hakemPlayer.client().request(Map.of("type", "choose_trump", "suit", "hearts"))))
        .isEqualTo("trump_chosen");

    List<CardSet> hands = new ArrayList<>();
    for (Player p : players) {
      JsonNode dealt =
          p.client().await(f -> type(f).equals("cards_dealt") && f.path("hand").size() == 13);
      hands.add(GameplayTest.cards(dealt.path("hand")));
    }
    CardSet moverHand = hands.get(indexOf(seats, hakem));
    Card moversCard = moverHand.first();
    // play_card has no seat: a frame naming the mover's seat still speaks for the sender.
    assertThat(code(next.client().requestError(play(moversCard, "seat", hakem))))
        .isEqualTo("NOT_YOUR_TURN");
    assertThat(code(spectator.client().requestError(play(moversCard)))).isEqualTo("NOT_A_PLAYER");
    assertThat(code(stranger.client().requestError(play(moversCard)))).isEqualTo("NOT_AT_TABLE");
    // The mover cannot play a card from another seat's hand either.
    Card othersCard = hands.get(indexOf(seats, (hakem + 1) % 4)).first();
    assertThat(code(hakemPlayer.client().requestError(play(othersCard))))
        .isEqualTo("CARD_NOT_IN_HAND");
    // A player holds one seat: joining elsewhere while the game is on is refused.
    JsonNode otherTable =
        stranger.client().request(Map.of("type", "create_table", "turnSeconds", 300));
    assertThat(
            code(
                next.client()
                    .requestError(
                        Map.of(
                            "type",
                            "join_table",
                            "tableId",
                            otherTable.path("tableId").asString()))))
        .isEqualTo("ALREADY_SEATED");
    assertThat(code(next.client().requestError(Map.of("type", "quick_match"))))
        .isEqualTo("ALREADY_SEATED");
    assertThat(code(next.client().requestError(Map.of("type", "create_table"))))
        .isEqualTo("ALREADY_SEATED");
    // Nothing was taken from the mover: their card is still theirs to play.
    JsonNode played = hakemPlayer.client().request(play(moversCard));
    assertThat(type(played)).as(played.toString()).isEqualTo("card_played");
    assertThat(played.path("seat").asInt()).isEqualTo(hakem);

    // Play the game out; then check that no frame anybody received names another player's id.
    List<WsClient> clients = new ArrayList<>();
    players.forEach(p -> clients.add(p.client()));
    clients.add(spectator.client());
    int[] withSpectator = {seats[0], seats[1], seats[2], seats[3], -1};
    Players.playUntilGameOver(clients, withSpectator, new Random(11));
    List<Player> everyone = new ArrayList<>(players);
    everyone.add(spectator);
    for (Player receiver : everyone) {
      for (JsonNode frame : receiver.client().received()) {
        String text = frame.toString();
        for (Player other : everyone) {
          if (other != receiver) {
            assertThat(text).as("frame to a player names another").doesNotContain(other.id());
          }
        }
        if (receiver == spectator) {
          assertThat(frame.has("cards") || frame.has("hand") || frame.has("legal")).isFalse();
        }
      }
    }
    for (Player p : everyone) {
      p.client().close();
    }
    stranger.client().close();
  }

  @Test
  void aFloodIsAnsweredWithRateLimitedAndThenClosed() {
    WsClient client = Players.guest(port);
    for (int i = 0; i < 100; i++) {
      client.sendText("{\"type\":\"ping\"}");
    }
    client.await(f -> "RATE_LIMITED".equals(f.path("code").asString(null)));
    // Frames still queued for a flooding socket may be dropped when it is closed.
    for (int i = 0; i < 400 && !client.isClosed(); i++) {
      try {
        client.sendText("{\"type\":\"ping\"}");
      } catch (RuntimeException closed) {
        break;
      }
    }
    assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(CloseCodes.FLOOD.getCode());
  }

  @Test
  void aSecondSocketOfAPlayerReplacesTheFirstSoAPlayerHoldsOneSocket() {
    String token = Players.guestToken(port);
    WsClient first = WsClient.login(port, token);
    WsClient second = WsClient.login(port, token);
    WsClient third = WsClient.login(port, token);
    assertThat(first.awaitClose(Duration.ofSeconds(5))).isEqualTo(CloseCodes.REPLACED.getCode());
    assertThat(second.awaitClose(Duration.ofSeconds(5))).isEqualTo(CloseCodes.REPLACED.getCode());
    assertThat(type(third.request(Map.of("type", "ping")))).isEqualTo("pong");
    // Another player's token on this socket is refused, and the socket stays the same player's.
    JsonNode refused =
        third.requestError(Map.of("type", "hello", "token", Players.guestToken(port)));
    assertThat(code(refused)).isEqualTo("ALREADY_AUTHENTICATED");
    third.close();
  }

  @Test
  void framesOverTheTransportLimitCloseTheSocketWith1009() {
    WsClient client = Players.guest(port);
    client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
  }
}
