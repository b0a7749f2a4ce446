package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.table.ErrorCode;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import hokm.testsupport.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of malformed, oversized, wrongly typed, out-of-range and out-of-order frames (and
 * binary ones) against a live server while a bot game runs next to them: every frame gets an error
 * with a known code or a documented close, no answer leaks internals, the game finishes and the
 * record in the database stays consistent.
 */
@IntegrationTest
class HostileInputTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SOCKETS = 12;
  private static final int FRAMES = 3000;
  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1000, 1009, 4000, 4001, 4008);
  private static final List<String> TYPES =
      List.of(
          "hello",
          "quick_match",
          "create_table",
          "join_table",
          "spectate",
          "leave_table",
          "choose_trump",
          "play_card",
          "rematch",
          "sync",
          "ping");
  private static final List<String> FIELDS =
      List.of(
          "id",
          "token",
          "code",
          "tableId",
          "seat",
          "suit",
          "card",
          "private",
          "targetPoints",
          "kot",
          "turnSeconds",
          "fillWithBots",
          "type");

  @LocalServerPort int port;
  @Autowired hokm.journal.internal.JournalWriter journal;

  /** Values of every JSON kind, mostly wrong for the field they land in. */
  private static Arbitrary<Object> values(int depth) {
    List<Arbitrary<? extends Object>> kinds = new ArrayList<>();
    kinds.add(Arbitraries.integers());
    kinds.add(Arbitraries.longs());
    kinds.add(Arbitraries.of(-1, 0, 1, 3, 4, 13, 14, 300, 301, Integer.MAX_VALUE, Long.MIN_VALUE));
    kinds.add(Arbitraries.doubles());
    kinds.add(Arbitraries.of(true, false));
    kinds.add(Arbitraries.strings().ofMaxLength(80));
    kinds.add(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(60).ofMaxLength(70));
    kinds.add(Arbitraries.of("hearts", "spades", "stars", "A", "10", "1", "", " ", "' OR 1=1 --"));
    kinds.add(Arbitraries.of(UUID.randomUUID().toString(), "K7QW2MXR9T", "../../etc/passwd"));
    kinds.add(Arbitraries.of(Map.of("suit", "hearts", "rank", "A"), Map.of("suit", 1), Map.of()));
    if (depth > 0) {
      kinds.add(values(depth - 1).list().ofMaxSize(4).map(l -> (Object) l));
      kinds.add(
          Arbitraries.maps(Arbitraries.of(FIELDS), values(depth - 1))
              .ofMaxSize(3)
              .map(m -> (Object) m));
    }
    return Arbitraries.oneOf(kinds);
  }

  /** A frame: structured-but-wrong JSON, or raw text that is not even that. */
  private static Arbitrary<String> frames() {
    Arbitrary<String> structured =
        Arbitraries.maps(Arbitraries.of(FIELDS), values(2))
            .ofMaxSize(6)
            .flatMap(
                fields ->
                    Arbitraries.oneOf(
                            Arbitraries.of(TYPES),
                            Arbitraries.strings().ofMaxLength(20),
                            Arbitraries.just(null))
                        .map(
                            type -> {
                              Map<String, Object> frame = new LinkedHashMap<>(fields);
                              if (type != null) {
                                frame.put("type", type);
                              }
                              return JSON.writeValueAsString(frame);
                            }));
    Arbitrary<String> raw =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.of(
                "",
                "null",
                "[]",
                "\"hello\"",
                "{\"type\":",
                "{\"type\":\"ping\"}}",
                "{\"type\":\"ping\",\"type\":\"hello\"}",
                "{\"type\":\"play_card\",\"card\":{\"suit\":\"hearts\",\"rank\":\"A\"}}",
                "{\"type\":\"create_table\",\"targetPoints\":1e999999}",
                "{\"type\":\"join_table\",\"seat\":99999999999999999999}",
                "{\"type\":\"hello\",\"token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\"}",
                "{\"type\":\"\\ud800\"}",
                "{\"type\":\"ping\","
                    + "\"a\":".repeat(1)
                    + "[".repeat(900)
                    + "]".repeat(900)
                    + "}",
                "[".repeat(2000),
                "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}",
                "{\"type\":\"ping\",\"pad\":\"" + "é".repeat(3000) + "\"}"));
    return Arbitraries.oneOf(List.of(structured, structured, raw));
  }

  private static void assertClean(JsonNode frame) {
    if (!"error".equals(frame.path("type").asString())) {
      return;
    }
    String code = frame.path("code").asString();
    String message = frame.path("message").asString();
    assertThat(CODES).as("known error code in %s", frame).contains(code);
    assertThat(code).as("no frame made the server fail: %s", frame).isNotEqualTo("INTERNAL");
    assertThat(message)
        .as("error message leaks nothing: %s", frame)
        .isNotBlank()
        .doesNotContain("Exception", "at hokm.", "hokm.", "java.", "tools.jackson", "org.")
        .doesNotContain("\tat ", "Caused by");
  }

  @Test
  void hostileFramesGetErrorsOrDocumentedClosesAndTheGameNextToThemIsUnaffected() throws Exception {
    // A bot game alongside, played by a well-behaved client.
    WsClient honest = Players.guest(port);
    String honestId = honest.received().get(0).path("player").path("id").asString();
    JsonNode created =
        honest.request(
            Map.of(
                "type",
                "create_table",
                "fillWithBots",
                true,
                "turnSeconds",
                300,
                "targetPoints",
                3));
    int honestSeat = Players.seatOf(created);
    CompletableFuture<Void> game =
        CompletableFuture.runAsync(
            () ->
                Players.playUntilGameOver(List.of(honest), new int[] {honestSeat}, new Random(3)));

    List<String> tokens = new ArrayList<>();
    List<WsClient> sockets = new ArrayList<>();
    for (int i = 0; i < SOCKETS; i++) {
      String token = Players.guestToken(port);
      tokens.add(token);
      // Half authenticated, half not: both paths get the hostile frames.
      sockets.add(i % 2 == 0 ? WsClient.login(port, token) : WsClient.connect(port));
    }
    List<WsClient> retired = new ArrayList<>();
    List<String> allTokens = new ArrayList<>(tokens);
    List<String> frames = frames().sampleStream().limit(FRAMES).toList();
    Random random = new Random(7);
    int sent = 0;
    for (int round = 0; sent < FRAMES; round++) {
      for (int s = 0; s < SOCKETS && sent < FRAMES; s++) {
        WsClient socket = sockets.get(s);
        if (socket.isClosed()) {
          assertThat(socket.awaitClose(Duration.ofSeconds(1))).isIn(DOCUMENTED_CLOSES);
          retired.add(socket);
          String token = Players.guestToken(port);
          allTokens.add(token);
          socket = WsClient.login(port, token);
          sockets.set(s, socket);
        }
        try {
          int pick = random.nextInt(40);
          if (pick == 0) {
            socket.sendBinary(frames.get(sent).getBytes(StandardCharsets.UTF_8));
          } else if (pick == 1) {
            // Another player's valid token on this socket.
            socket.send(Map.of("type", "hello", "token", tokens.get((s + 1) % SOCKETS)));
          } else {
            socket.sendText(frames.get(sent));
          }
        } catch (RuntimeException closedMeanwhile) {
          // the server closed the socket; the next round checks how
        }
        sent++;
      }
      // Stay under the per-socket rate (a burst of 40, then 20 a second).
      if (round >= 30) {
        Thread.sleep(55);
      }
    }
    Thread.sleep(2500); // let the rate limit refill
    int open = 0;
    for (WsClient socket : sockets) {
      socket.received().forEach(HostileInputTest::assertClean);
      if (socket.isClosed()) {
        assertThat(socket.awaitClose(Duration.ofSeconds(1))).isIn(DOCUMENTED_CLOSES);
      } else {
        JsonNode answer = socket.request(Map.of("type", "ping"));
        assertClean(answer);
        assertThat(answer.path("type").asString()).isIn("pong", "error");
        open++;
      }
    }
    assertThat(open).as("most hostile sockets are still served").isGreaterThan(SOCKETS / 2);

    game.get(120, java.util.concurrent.TimeUnit.SECONDS);
    honest.received().forEach(HostileInputTest::assertClean);
    assertThat(honest.received()).anyMatch(f -> "game_over".equals(f.path("type").asString()));
    List<WsClient> everySocket = new ArrayList<>(sockets);
    everySocket.addAll(retired);
    List<UUID> hostilePlayers = new ArrayList<>();
    for (WsClient socket : everySocket) {
      for (JsonNode frame : socket.received()) {
        if ("welcome".equals(frame.path("type").asString())) {
          hostilePlayers.add(UUID.fromString(frame.path("player").path("id").asString()));
        }
      }
      socket.close();
    }
    honest.close();
    for (WsClient socket : everySocket) {
      socket.awaitClose(Duration.ofSeconds(5));
    }
    // Hostile players may have sat down and started games with bots: each one comes back and
    // leaves, so no game of theirs plays on after the test. A request a closed socket sent last
    // (a quick match, say) can still seat its player after that player's first leave: then they
    // come back once more.
    for (int round = 0; round < 3; round++) {
      boolean anyLeft = false;
      for (String token : allTokens) {
        WsClient again = WsClient.login(port, token);
        JsonNode left = again.request(Map.of("type", "leave_table"));
        assertThat(
                "left".equals(left.path("type").asString())
                    || "NOT_AT_TABLE".equals(left.path("code").asString()))
            .as(left.toString())
            .isTrue();
        anyLeft |= "left".equals(left.path("type").asString());
        again.close();
        again.awaitClose(Duration.ofSeconds(5));
      }
      Thread.sleep(300); // the server sees the closes
      if (!anyLeft && round > 0) {
        break;
      }
    }

    // The record stays consistent: the bot game is finished and complete, and no game's moves
    // or hands have gaps.
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      assertThat(
              ((Number)
                      sql.value(
                          "SELECT count(*) FROM game_sessions s JOIN game_participants p"
                              + " ON p.game_session_id = s.id WHERE p.player_id = ANY (?)"
                              + " AND s.status IN ('waiting', 'active')",
                          (Object) hostilePlayers.toArray(new UUID[0])))
                  .intValue())
          .as("no game of a hostile player plays on")
          .isZero();
      assertThat(
              sql.value(
                  "SELECT s.status FROM game_sessions s JOIN game_participants p"
                      + " ON p.game_session_id = s.id WHERE p.player_id = ?",
                  UUID.fromString(honestId)))
          .isEqualTo("completed");
      assertThat(
              ((Number)
                      sql.value(
                          "SELECT count(*) FROM (SELECT game_session_id FROM game_moves"
                              + " GROUP BY game_session_id"
                              + " HAVING max(sequence_number) <> count(*)"
                              + " OR min(sequence_number) <> 1) gaps"))
                  .intValue())
          .isZero();
      assertThat(
              ((Number)
                      sql.value(
                          "SELECT count(*) FROM (SELECT game_session_id FROM game_hands"
                              + " GROUP BY game_session_id"
                              + " HAVING max(hand_number) <> count(*)) gaps"))
                  .intValue())
          .isZero();
      assertThat(
              ((Number)
                      sql.value(
                          "SELECT count(*) FROM websocket_connections WHERE is_active"
                              + " AND player_id = ANY (?)",
                          (Object) hostilePlayers.toArray(new UUID[0])))
                  .intValue())
          .as("no connection of a closed socket is left open in the record")
          .isZero();
      assertThat(
              ((Number)
                      sql.value(
                          "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n"
                              + " ON n.oid = c.connamespace WHERE n.nspname = 'public'"
                              + " AND NOT c.convalidated"))
                  .intValue())
          .isZero();
    }
  }
}
