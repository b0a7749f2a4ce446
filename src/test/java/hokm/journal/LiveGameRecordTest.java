package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.journal.internal.JournalWriter;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A game being played is in PostgreSQL as it goes: its public state and score (never a hand), who
 * is connected, the connections' last pings; and its id, which opens the replay once it is over, is
 * in the frames that start and end it.
 */
@IntegrationTest
class LiveGameRecordTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> STATE_FIELDS =
      Set.of(
          "tableId",
          "phase",
          "handNumber",
          "hakem",
          "trump",
          "tricks",
          "scores",
          "turn",
          "seats",
          "moves");

  @LocalServerPort int port;
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;

  /** What the journal has written once it caught up, until it satisfies {@code done}. */
  private <T> T awaitRecorded(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not recorded in time; last read: " + value);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private JsonNode gameState(UUID gameId) {
    String text =
        jdbc.queryForObject(
            "SELECT game_state::text FROM game_sessions WHERE id = ?", String.class, gameId);
    return text == null ? null : JSON.readTree(text);
  }

  private static String username(WsClient client) {
    return client.received().get(0).path("player").path("username").asString();
  }

  private static UUID playerId(WsClient client) {
    return UUID.fromString(client.received().get(0).path("player").path("id").asString());
  }

  /**
   * The state holds only public facts: its known fields, and no text but the table's id, the phase,
   * the trump and the players' names (so no card of any hand, nor of the table).
   */
  private static void assertPublicOnly(JsonNode state, String tableId, String username) {
    Set<String> fields = new HashSet<>(STATE_FIELDS);
    fields.addAll(Set.of("team1", "team2", "seat", "team", "username", "bot", "connected"));
    assertThat(collect(state, new HashSet<>(), true)).as(state.toString()).isSubsetOf(fields);
    Set<String> allowed =
        Set.of(
            tableId,
            username,
            "choosing_trump",
            "playing",
            "spades",
            "hearts",
            "diamonds",
            "clubs");
    assertThat(collect(state, new HashSet<>(), false)).as(state.toString()).isSubsetOf(allowed);
  }

  /** Every field name ({@code names}) or every text value in the tree. */
  private static Set<String> collect(JsonNode node, Set<String> into, boolean names) {
    if (node.isString() && !names) {
      into.add(node.stringValue());
    }
    if (names) {
      node.properties().forEach(field -> into.add(field.getKey()));
    }
    for (JsonNode child : node) {
      collect(child, into, names);
    }
    return into;
  }

  @Test
  void aRunningGameShowsItsScoreAndPublicStateButNoHand() {
    String token = TestFrames.guestToken(port);
    WsClient player = WsClient.login(port, token);
    String username = username(player);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    String tableId = created.path("tableId").asString();
    int seat = created.path("you").path("seat").asInt();
    UUID gameId = UUID.fromString(player.awaitType("game_started").path("gameId").asString());

    // While it is played, the replay is refused for that id: it is the game's.
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    Http.Response early = new Http(port).get("/api/games/" + gameId + "/replay", token);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.code()).isEqualTo("GAME_NOT_FINISHED");

    Random random = new Random(11);
    JsonNode handOver = null;
    int tricks = 0;
    while (handOver == null) {
      JsonNode frame = player.await(f -> true);
      switch (frame.path("type").asString()) {
        case "turn" -> {
          if (frame.path("seat").asInt() == seat) {
            TestFrames.decide(player, frame, random);
          }
        }
        case "trick_won" -> {
          tricks++;
          int expected = tricks;
          JsonNode state =
              awaitRecorded(
                  () -> gameState(gameId),
                  // This trick's state, or (after the hand's last trick) the next hand's.
                  s ->
                      s != null
                          && (s.path("handNumber").asInt() > 1
                              || s.path("tricks").path("team1").asInt()
                                      + s.path("tricks").path("team2").asInt()
                                  >= expected));
          assertPublicOnly(state, tableId, username);
        }
        case "hand_over" -> handOver = frame;
        case "game_over" -> throw new AssertionError("a game to 7 points is not over in a hand");
        default -> {}
      }
    }

    // The score of the running game, for analysts too; the next hand waits for this player.
    JsonNode scores = handOver.path("scores");
    Map<String, Object> live =
        awaitRecorded(
            () ->
                jdbc.queryForMap(
                    "SELECT status, (scores ->> 'team1')::int AS team1,"
                        + " (scores ->> 'team2')::int AS team2, hands_completed, hand_number,"
                        + " phase, humans, bots, connected_humans"
                        + " FROM analytics.active_sessions WHERE session_id = ?",
                    gameId),
            row -> Objects.equals(row.get("hand_number"), 2));
    assertThat(live)
        .containsEntry("status", "active")
        .containsEntry("team1", scores.path("team1").asInt())
        .containsEntry("team2", scores.path("team2").asInt())
        .containsEntry("hands_completed", 1L)
        .containsEntry("humans", 1L)
        .containsEntry("bots", 3L)
        .containsEntry("connected_humans", 1L);
    assertThat(live.get("phase")).isIn("choosing_trump", "playing");
    assertThat(scores.path("team1").asInt() + scores.path("team2").asInt()).isPositive();

    JsonNode state = gameState(gameId);
    assertPublicOnly(state, tableId, username);
    assertThat(state.path("handNumber").asInt()).isEqualTo(2);
    assertThat(state.path("scores")).isEqualTo(scores);
    assertThat(state.path("hakem").asInt()).isEqualTo(handOver.path("nextHakem").asInt());
    for (JsonNode s : state.path("seats")) {
      boolean mine = s.path("seat").asInt() == seat;
      assertThat(s.path("bot").asBoolean()).isEqualTo(!mine);
      assertThat(s.path("connected").asBoolean()).isEqualTo(mine);
      assertThat(s.path("username").asString(null)).isEqualTo(mine ? username : null);
    }
    player.close();
  }

  @Test
  void theGamesIdComesWithItsStartAndEndAndOpensItsReplay() {
    String token = TestFrames.guestToken(port);
    WsClient player = WsClient.login(port, token);
    JsonNode created =
        player.request(
            Map.of(
                "type", "create_table", "private", true, "targetPoints", 1, "fillWithBots", true));
    int seat = created.path("you").path("seat").asInt();
    TestFrames.playUntilGameOver(List.of(player), new int[] {seat}, new Random(5));
    List<JsonNode> frames = player.received();
    JsonNode started =
        frames.stream()
            .filter(f -> f.path("type").asString().equals("game_started"))
            .findFirst()
            .orElseThrow();
    JsonNode over =
        frames.stream()
            .filter(f -> f.path("type").asString().equals("game_over"))
            .findFirst()
            .orElseThrow();
    String gameId = started.path("gameId").asString();
    assertThat(UUID.fromString(gameId)).isNotNull();
    assertThat(over.path("gameId").asString()).isEqualTo(gameId);
    assertThat(player.request(Map.of("type", "sync")).path("gameId").asString()).isEqualTo(gameId);

    Http.Response replay =
        awaitRecorded(
            () -> new Http(port).get("/api/games/" + gameId + "/replay", token),
            answer -> answer.status() == 200);
    assertThat(replay.json().path("gameId").asString()).isEqualTo(gameId);
    assertThat(replay.json().path("verified").asBoolean()).isTrue();
    assertThat(replay.json().path("result").path("winnerTeam").asInt())
        .isEqualTo(over.path("winnerTeam").asInt());

    // Still seated after the game (a rematch may follow) until the socket closes.
    UUID playerId = playerId(player);
    Supplier<Boolean> connected =
        () ->
            jdbc.queryForObject(
                "SELECT is_connected FROM game_participants"
                    + " WHERE game_session_id = ?::uuid AND player_id = ?",
                Boolean.class,
                gameId,
                playerId);
    assertThat(awaitRecorded(connected, Boolean.TRUE::equals)).isTrue();
    player.close();
    assertThat(awaitRecorded(connected, Boolean.FALSE::equals)).isFalse();
  }

  @Test
  void aSeatIsConnectedWhileItsPlayersSocketIsOpen() {
    String token = TestFrames.guestToken(port);
    WsClient player = WsClient.login(port, token);
    UUID playerId = playerId(player);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    int seat = created.path("you").path("seat").asInt();
    UUID gameId = UUID.fromString(player.awaitType("game_started").path("gameId").asString());
    Supplier<Boolean> connected =
        () ->
            jdbc.queryForObject(
                "SELECT is_connected FROM game_participants"
                    + " WHERE game_session_id = ? AND player_id = ?",
                Boolean.class,
                gameId,
                playerId);
    assertThat(awaitRecorded(connected, Boolean.TRUE::equals)).isTrue();

    player.close();
    assertThat(awaitRecorded(connected, Boolean.FALSE::equals)).isFalse();
    JsonNode away = gameState(gameId);
    assertThat(away.path("seats").get(seat).path("connected").asBoolean()).isFalse();
    assertThat(
            jdbc.queryForObject(
                "SELECT connected_humans FROM analytics.active_sessions WHERE session_id = ?",
                Long.class,
                gameId))
        .isZero();

    WsClient back = WsClient.login(port, token);
    assertThat(back.awaitType("table_state").path("you").path("seat").asInt()).isEqualTo(seat);
    assertThat(awaitRecorded(connected, Boolean.TRUE::equals)).isTrue();
    assertThat(
            awaitRecorded(
                    () -> gameState(gameId),
                    s -> s.path("seats").get(seat).path("connected").asBoolean())
                .path("seats")
                .get(seat)
                .path("username")
                .asString())
        .isEqualTo(username(back));
    back.close();
  }
}
