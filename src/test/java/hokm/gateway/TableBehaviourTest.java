package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tables over real sockets: refusals, timers, reconnection, spectators, leaving, quick match. */
@IntegrationTest
class TableBehaviourTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Autowired
  hokm.journal.internal.JournalWriter journal;

  private static String type(JsonNode frame) {
    return frame.path("type").asString();
  }

  private static String code(JsonNode frame) {
    return frame.path("code").asString();
  }

  private static void assertStillOpen(WsClient client) {
    assertThat(type(client.request(Map.of("type", "ping")))).isEqualTo("pong");
  }

  private static Map<String, Object> cardFrame(String type, Card card) {
    return Map.of(
        "type", type, "card", Map.of("suit", card.suit().wireName(), "rank", card.rank().symbol()));
  }

  @Test
  void badFramesGetAClearErrorAndTheSocketStaysOpen() {
    WsClient client = WsClient.connect(port);
    assertThat(code(client.sendRawExpectingError("{\"type\":\"ping\"}")))
        .isEqualTo("UNAUTHENTICATED");
    assertThat(code(client.requestError(Map.of("type", "hello", "token", "not-a-token"))))
        .isEqualTo("UNAUTHENTICATED");
    assertThat(code(client.sendRawExpectingError("this is not json"))).isEqualTo("BAD_MESSAGE");
    assertThat(code(client.sendRawExpectingError("[1,2,3]"))).isEqualTo("BAD_MESSAGE");
    assertThat(code(client.sendRawExpectingError("{}"))).isEqualTo("BAD_MESSAGE");
    assertThat(code(client.sendRawExpectingError("{\"type\":7}"))).isEqualTo("BAD_MESSAGE");
    assertThat(code(client.sendRawExpectingError("{\"type\":\"ping\",\"id\":5}")))
        .isEqualTo("BAD_MESSAGE");
    client.sendBinary(new byte[] {1, 2, 3});
    JsonNode binary = client.awaitType("error");
    assertThat(code(binary)).isEqualTo("BAD_MESSAGE");
    assertThat(binary.path("message").asString()).contains("Binary");

    JsonNode welcome = client.request(Map.of("type", "hello", "token", Players.guestToken(port)));
    assertThat(type(welcome)).isEqualTo("welcome");
    assertThat(welcome.path("protocolVersion").asInt()).isEqualTo(1);

    assertThat(code(client.requestError(Map.of("type", "dance")))).isEqualTo("UNKNOWN_TYPE");
    // Half a surrogate pair, escaped: valid JSON text, but no string a reply could carry.
    for (String lone :
        List.of(
            "{\"type\":\"ping\",\"id\":\"\\ud800\"}",
            "{\"type\":\"ping\",\"id\":\"a\\udc00b\"}",
            "{\"type\":\"create_table\",\"\\ud83d\":true}")) {
      JsonNode refused = client.sendRawExpectingError(lone);
      assertThat(code(refused)).isEqualTo("BAD_MESSAGE");
      assertThat(refused.path("message").asString()).contains("Unicode");
    }
    // A whole pair, escaped, is an ordinary character.
    client.sendText("{\"type\":\"ping\",\"id\":\"\\ud83d\\ude00\"}");
    assertThat(client.awaitType("pong").path("replyTo").asString()).isEqualTo("\ud83d\ude00");
    assertThat(client.isClosed()).isFalse();
    assertThat(
            code(
                client.sendRawExpectingError(
                    "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}")))
        .isEqualTo("MESSAGE_TOO_LARGE");
    assertThat(code(client.requestError(Map.of("type", "join_table", "code", "NOSUCHCODE"))))
        .isEqualTo("TABLE_NOT_FOUND");
    assertThat(
            code(
                client.requestError(
                    Map.of(
                        "type", "join_table", "tableId", java.util.UUID.randomUUID().toString()))))
        .isEqualTo("TABLE_NOT_FOUND");
    assertThat(code(client.requestError(Map.of("type", "join_table")))).isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(Map.of("type", "join_table", "code", "a b;--"))))
        .isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(cardFrame("play_card", Card.parse("AS")))))
        .isEqualTo("NOT_AT_TABLE");
    assertThat(code(client.requestError(Map.of("type", "play_card", "card", "AS"))))
        .isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(Map.of("type", "choose_trump", "suit", "stars"))))
        .isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(Map.of("type", "create_table", "targetPoints", 20))))
        .isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(Map.of("type", "create_table", "kot", "yes"))))
        .isEqualTo("BAD_MESSAGE");
    assertThat(code(client.requestError(Map.of("type", "leave_table")))).isEqualTo("NOT_AT_TABLE");
    assertThat(code(client.requestError(Map.of("type", "sync")))).isEqualTo("NOT_AT_TABLE");
    assertStillOpen(client);
    client.close();
  }

  @Test
  void aFloodIsRateLimitedAndTheSocketRecovers() throws InterruptedException {
    WsClient client = Players.guest(port);
    for (int i = 0; i < 60; i++) {
      client.sendText("{\"type\":\"ping\"}");
    }
    JsonNode limited = client.await(f -> "RATE_LIMITED".equals(f.path("code").asString(null)));
    assertThat(limited.path("message").asString()).isNotBlank();
    Thread.sleep(1500);
    assertStillOpen(client);
    client.close();
  }

  @Test
  void gameRefusalsCarryTheRulesCodes() {
    List<WsClient> clients = Players.guests(port, 4);
    int[] seats = new int[4];
    JsonNode created = Players.seatAtPrivateTable(clients, Map.of("turnSeconds", 300), seats);
    WsClient fifth = Players.guest(port);
    assertThat(code(fifth.requestError(Map.of("type", "join_table", "code", code(created)))))
        .isEqualTo("TABLE_FULL");

    JsonNode firstTurn = clients.get(0).await(f -> type(f).equals("turn"));
    int hakem = firstTurn.path("seat").asInt();
    WsClient hakemClient = clients.get(indexOf(seats, hakem));
    WsClient other = clients.get(indexOf(seats, (hakem + 1) % 4));
    assertThat(code(other.requestError(Map.of("type", "choose_trump", "suit", "hearts"))))
        .isEqualTo("NOT_HAKEM");
    assertThat(code(hakemClient.requestError(cardFrame("play_card", Card.parse("2S")))))
        .isEqualTo("WRONG_PHASE");
    JsonNode trump = hakemClient.request(Map.of("type", "choose_trump", "suit", "hearts"));
    assertThat(type(trump)).as(trump.toString()).isNotEqualTo("error");

    // Track hands from each client's own deal.
    List<CardSet> hands = new ArrayList<>();
    for (WsClient client : clients) {
      JsonNode dealt =
          client.await(f -> type(f).equals("cards_dealt") && f.path("hand").size() == 13);
      hands.add(GameplayTest.cards(dealt.path("hand")));
    }
    assertThat(
            code(
                other.requestError(
                    cardFrame("play_card", hands.get(indexOf(seats, (hakem + 1) % 4)).first()))))
        .isEqualTo("NOT_YOUR_TURN");
    Card notHeld = hands.get(indexOf(seats, (hakem + 1) % 4)).first();
    assertThat(code(hakemClient.requestError(cardFrame("play_card", notHeld))))
        .isEqualTo("CARD_NOT_IN_HAND");

    // Play lowest legal cards until someone holds the suit led and another suit.
    int turn = hakem;
    Card led = null;
    int onTable = 0;
    boolean provoked = false;
    for (int move = 0; move < 40 && !provoked; move++) {
      int index = indexOf(seats, turn);
      CardSet hand = hands.get(index);
      if (led != null && hand.hasSuit(led.suit()) && hand.ofSuit(led.suit()).size() < hand.size()) {
        Card offSuit = hand.minus(hand.ofSuit(led.suit())).first();
        assertThat(code(clients.get(index).requestError(cardFrame("play_card", offSuit))))
            .isEqualTo("MUST_FOLLOW_SUIT");
        provoked = true;
        break;
      }
      Card card =
          led != null && hand.hasSuit(led.suit()) ? hand.ofSuit(led.suit()).first() : hand.first();
      JsonNode played = clients.get(index).request(cardFrame("play_card", card));
      assertThat(type(played)).as(played.toString()).isNotEqualTo("error");
      hands.set(index, hand.without(card));
      JsonNode next =
          clients.get(index).await(f -> type(f).equals("turn") || type(f).equals("hand_over"));
      if (type(next).equals("hand_over")) {
        break;
      }
      onTable = (onTable + 1) % 4;
      led = onTable == 0 ? null : led == null ? card : led;
      turn = next.path("seat").asInt();
    }
    assertThat(provoked).as("a MUST_FOLLOW_SUIT situation arose").isTrue();
    for (WsClient client : clients) {
      assertStillOpen(client);
      client.close();
    }
    fifth.close();
  }

  @Test
  void whenTimeRunsOutTheBotPlaysForThePlayer() {
    WsClient client = Players.guest(port);
    JsonNode created =
        client.request(
            Map.of(
                "type", "create_table", "fillWithBots", true, "turnSeconds", 1, "targetPoints", 1));
    int seat = Players.seatOf(created);
    client.await(f -> type(f).equals("turn") && f.path("seat").asInt() == seat);
    JsonNode played =
        client.await(
            f ->
                (type(f).equals("card_played") || type(f).equals("trump_chosen"))
                    && f.path(type(f).equals("card_played") ? "seat" : "hakem").asInt() == seat,
            Duration.ofSeconds(5));
    assertThat(played).isNotNull();
    String metrics = new Http(managementPort).get("/actuator/prometheus").body();
    assertThat(metrics).contains("hokm_bot_takeovers_total{reason=\"timeout\"}");
    client.close();
  }

  @Test
  void aPlayerWhoReconnectsMidTrickFindsTheirSeatHandAndTheTable() {
    String token = Players.guestToken(port);
    WsClient first = WsClient.login(port, token);
    JsonNode created =
        first.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    int seat = Players.seatOf(created);
    String tableId = created.path("tableId").asString();
    WsClient spectator = Players.guest(port);
    spectator.request(Map.of("type", "spectate", "tableId", tableId));

    // Play (lowest legal card) until it is our turn with cards already on the table.
    Random random = new Random(3);
    List<JsonNode> tableCards = new ArrayList<>();
    CardSet hand = CardSet.EMPTY;
    while (true) {
      JsonNode frame = first.await(f -> true);
      switch (type(frame)) {
        case "cards_dealt" -> hand = GameplayTest.cards(frame.path("hand"));
        case "card_played" -> {
          tableCards.add(frame);
          if (frame.path("seat").asInt() == seat) {
            hand = hand.without(GameplayTest.card(frame.path("card")));
          }
        }
        case "trick_won" -> tableCards.clear();
        default -> {}
      }
      if (type(frame).equals("turn") && frame.path("seat").asInt() == seat) {
        if (frame.path("phase").asString().equals("playing") && !tableCards.isEmpty()) {
          break;
        }
        Players.decide(first, frame, random);
      }
    }
    first.close();
    spectator.await(f -> type(f).equals("player_disconnected") && f.path("seat").asInt() == seat);

    WsClient second = WsClient.login(port, token);
    JsonNode state = second.await(f -> true);
    assertThat(type(state)).as("the frame right after welcome").isEqualTo("table_state");
    assertThat(Players.seatOf(state)).isEqualTo(seat);
    assertThat(state.path("tableId").asString()).isEqualTo(tableId);
    assertThat(GameplayTest.cards(state.path("cards"))).isEqualTo(hand);
    List<String> expectedTable = new ArrayList<>();
    for (JsonNode played : tableCards) {
      expectedTable.add(played.path("seat").asInt() + ":" + GameplayTest.card(played.path("card")));
    }
    List<String> restored = new ArrayList<>();
    for (JsonNode played : state.path("table")) {
      restored.add(played.path("seat").asInt() + ":" + GameplayTest.card(played.path("card")));
    }
    assertThat(restored).isEqualTo(expectedTable);
    assertThat(state.path("turn").path("seat").asInt()).isEqualTo(seat);
    // Then the turn again, with a whole turn's deadline, after the state.
    JsonNode turn = second.await(f -> type(f).equals("turn") && f.path("seat").asInt() == seat);
    assertThat(turn.path("seq").asLong()).isGreaterThan(state.path("seq").asLong());
    spectator.await(f -> type(f).equals("player_reconnected") && f.path("seat").asInt() == seat);
    second.close();
    spectator.close();
  }

  @Test
  void whileDisconnectedTheBotPlaysTheSeatAfterAShortDelay() {
    String token = Players.guestToken(port);
    WsClient first = WsClient.login(port, token);
    JsonNode created =
        first.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    int seat = Players.seatOf(created);
    WsClient spectator = Players.guest(port);
    spectator.request(Map.of("type", "spectate", "tableId", created.path("tableId").asString()));
    first.close();
    // With the player away, the game still reaches their turn and goes past it.
    spectator.await(
        f ->
            (type(f).equals("card_played") && f.path("seat").asInt() == seat)
                || (type(f).equals("trump_chosen") && f.path("hakem").asInt() == seat),
        Duration.ofSeconds(20));
    spectator.close();
  }

  @Test
  void aSecondSocketOfThePlayerReplacesTheFirst() {
    String token = Players.guestToken(port);
    WsClient first = WsClient.login(port, token);
    JsonNode created =
        first.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    WsClient second = WsClient.login(port, token);
    JsonNode state = second.awaitType("table_state");
    assertThat(Players.seatOf(state)).isEqualTo(Players.seatOf(created));
    assertThat(first.awaitClose(Duration.ofSeconds(5))).isEqualTo(4000);
    assertStillOpen(second);
    second.close();
  }

  @Test
  void theLastHumanLeavingAbandonsTheGame() {
    WsClient player = Players.guest(port);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    WsClient spectator = Players.guest(port);
    spectator.request(Map.of("type", "spectate", "tableId", created.path("tableId").asString()));
    JsonNode left = player.request(Map.of("type", "leave_table"));
    assertThat(type(left)).isEqualTo("left");
    spectator.await(f -> type(f).equals("player_left") && f.path("bot").asBoolean());
    JsonNode over = spectator.awaitType("game_over");
    assertThat(over.path("reason").asString()).isEqualTo("abandoned");
    assertThat(over.path("winnerTeam").asInt()).isZero();
    // The player is free to sit elsewhere at once.
    JsonNode again =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    assertThat(type(again)).isEqualTo("table_state");
    player.close();
    spectator.close();
  }

  @Test
  void aTeamWhoseHumansAllLeftForfeits() {
    List<WsClient> clients = Players.guests(port, 4);
    int[] seats = new int[4];
    JsonNode created = Players.seatAtPrivateTable(clients, Map.of("turnSeconds", 300), seats);
    // Seats 0 and 2 (team 1) leave: their team forfeits, team 2 wins.
    WsClient seat0 = clients.get(indexOf(seats, 0));
    WsClient seat2 = clients.get(indexOf(seats, 2));
    WsClient seat1 = clients.get(indexOf(seats, 1));
    seat0.request(Map.of("type", "leave_table"));
    seat1.await(f -> type(f).equals("player_left") && f.path("seat").asInt() == 0);
    seat2.request(Map.of("type", "leave_table"));
    JsonNode over = seat1.awaitType("game_over");
    assertThat(over.path("reason").asString()).isEqualTo("forfeit");
    assertThat(over.path("winnerTeam").asInt()).isEqualTo(2);
    for (WsClient client : clients) {
      client.close();
    }
  }

  @Test
  void spectatorsSeeOnlyPublicInformationAndCannotAct() {
    WsClient player = Players.guest(port);
    JsonNode created =
        player.request(
            Map.of(
                "type",
                "create_table",
                "fillWithBots",
                true,
                "turnSeconds",
                300,
                "targetPoints",
                1));
    int seat = Players.seatOf(created);
    WsClient spectator = Players.guest(port);
    JsonNode watching =
        spectator.request(
            Map.of("type", "spectate", "tableId", created.path("tableId").asString()));
    assertThat(watching.path("you").isNull()).isTrue();
    assertThat(watching.has("cards")).isFalse();
    assertThat(code(spectator.requestError(cardFrame("play_card", Card.parse("AS")))))
        .isEqualTo("NOT_A_PLAYER");
    Players.playUntilGameOver(List.of(player, spectator), new int[] {seat, -1}, new Random(5));
    assertThat(spectator.received()).anyMatch(f -> type(f).equals("card_played"));
    for (JsonNode frame : spectator.received()) {
      assertThat(frame.has("cards") || frame.has("hand") || frame.has("legal"))
          .as("spectator frame %s", frame)
          .isFalse();
    }
    player.close();
    spectator.close();
  }

  @Test
  void privateTablesCannotBeJoinedOrWatchedByIdAlone() {
    WsClient owner = Players.guest(port);
    JsonNode created =
        owner.request(Map.of("type", "create_table", "private", true, "turnSeconds", 300));
    WsClient stranger = Players.guest(port);
    String tableId = created.path("tableId").asString();
    assertThat(code(stranger.requestError(Map.of("type", "join_table", "tableId", tableId))))
        .isEqualTo("TABLE_NOT_FOUND");
    assertThat(code(stranger.requestError(Map.of("type", "spectate", "tableId", tableId))))
        .isEqualTo("TABLE_NOT_FOUND");
    assertThat(code(stranger.requestError(Map.of("type", "join_table", "code", "WRONGCODE1"))))
        .isEqualTo("TABLE_NOT_FOUND");
    assertThat(code(owner.requestError(Map.of("type", "create_table"))))
        .isEqualTo("ALREADY_SEATED");
    owner.close();
    stranger.close();
  }

  @Test
  void quickMatchWithBotsStartsAtOnce() {
    WsClient player = Players.guest(port);
    JsonNode state = player.request(Map.of("type", "quick_match", "fillWithBots", true));
    assertThat(type(state)).isEqualTo("table_state");
    assertThat(state.has("code")).as("a public table has no code").isFalse();
    JsonNode started = player.awaitType("game_started");
    assertThat(started.path("tableId").asString()).isEqualTo(state.path("tableId").asString());
    player.close();
  }

  @Test
  void quickMatchSeatsFourHumansAtOneTable() {
    List<WsClient> clients = Players.guests(port, 4);
    List<String> tables = new ArrayList<>();
    int[] seats = new int[4];
    for (int i = 0; i < 4; i++) {
      JsonNode state = clients.get(i).request(Map.of("type", "quick_match"));
      tables.add(state.path("tableId").asString());
      seats[i] = Players.seatOf(state);
    }
    assertThat(tables).containsOnly(tables.get(0));
    assertThat(seats).containsExactlyInAnyOrder(0, 1, 2, 3);
    for (WsClient client : clients) {
      JsonNode started = client.awaitType("game_started");
      assertThat(started.path("tableId").asString()).isEqualTo(tables.get(0));
    }
    for (WsClient client : clients) {
      client.close();
    }
  }

  @Test
  void afterTheGameTheSameSeatsCanPlayARematchWithTheSameCode() {
    WsClient player = Players.guest(port);
    JsonNode created =
        player.request(
            Map.of(
                "type",
                "create_table",
                "private",
                true,
                "fillWithBots",
                true,
                "turnSeconds",
                300,
                "targetPoints",
                1));
    int seat = Players.seatOf(created);
    Players.playUntilGameOver(List.of(player), new int[] {seat}, new Random(9));
    JsonNode answer = player.request(Map.of("type", "rematch"));
    assertThat(type(answer)).isEqualTo("rematch_requested");
    JsonNode started = player.awaitType("game_started");
    assertThat(started.path("gameNumber").asInt()).isEqualTo(2);
    JsonNode state = player.request(Map.of("type", "sync"));
    assertThat(state.path("code").asString()).isEqualTo(code(created));
    assertThat(Players.seatOf(state)).isEqualTo(seat);
    assertThat(code(Players.guest(port).requestError(Map.of("type", "rematch"))))
        .isEqualTo("NOT_AT_TABLE");
    // Each game is its own session; the code of the old one does not block the new one.
    assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
    List<Map<String, Object>> sessions =
        jdbc.queryForList(
            "SELECT room_id, status, join_code FROM game_sessions WHERE room_id LIKE ?"
                + " ORDER BY room_id",
            created.path("tableId").asString() + "#%");
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).get("status")).isEqualTo("completed");
    assertThat(sessions.get(1).get("status")).isEqualTo("active");
    assertThat(sessions.get(1).get("join_code")).isEqualTo(code(created));
    player.close();
  }

  @Test
  void theGameMetricsAreExported() {
    String metrics = new Http(managementPort).get("/actuator/prometheus").body();
    assertThat(metrics)
        .contains("hokm_sockets_connected")
        .contains("hokm_tables_active{phase=\"playing\"}")
        .contains("hokm_moves_accepted_total")
        .contains("hokm_move_broadcast_latency_seconds_bucket")
        .contains("hokm_games_completed_total{reason=\"finished\"}")
        .contains("hokm_journal_queue_depth")
        .contains("hokm_journal_lag_seconds")
        .contains("hokm_journal_write_latency_seconds_count");
  }

  private static int indexOf(int[] seats, int seat) {
    for (int i = 0; i < seats.length; i++) {
      if (seats[i] == seat) {
        return i;
      }
    }
    throw new AssertionError("no client at seat " + seat);
  }
}
