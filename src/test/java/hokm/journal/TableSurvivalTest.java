package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Game;
import hokm.engine.Move;
import hokm.engine.PlayedCard;
import hokm.journal.internal.JournalWriter;
import hokm.journal.internal.PostgresTableRecovery;
import hokm.journal.internal.RedisTableStore;
import hokm.platform.embedded.EmbeddedServices;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.TableSnapshot;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tables live in Redis as they are played, so a restarted server can resume them exactly; while
 * Redis is down games go on, and their copies are rewritten once it is back.
 */
@IntegrationTest
class TableSurvivalTest {
  @LocalServerPort int port;
  @Autowired RedisTableStore store;
  @Autowired JournalWriter journal;
  @Autowired StringRedisTemplate redis;
  @Autowired JdbcTemplate jdbc;
  @Autowired PostgresTableRecovery recovery;

  @Test
  void aTableInRedisRebuildsExactlyTheGameThePlayersSee() throws Exception {
    WsClient player = TestFrames.guest(port);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    UUID tableId = UUID.fromString(created.path("tableId").asString());
    int seat = created.path("you").path("seat").asInt();
    TestFrames.playUntilMyTurnWithCardsOnTheTable(player, seat, new Random(4));
    JsonNode state = player.request(Map.of("type", "sync"));

    TableSnapshot snapshot = snapshotOf(tableId);
    assertThat(snapshot.status()).isEqualTo("playing");
    assertThat(snapshot.seats().get(seat).player().username())
        .isEqualTo(state.path("seats").get(seat).path("username").asString());
    assertThat(snapshot.dealSecret()).as("a fresh 256-bit deal secret").hasSize(32);
    Game game = replay(snapshot);
    assertThat(game.dealtFromSecret()).isTrue();
    assertThat(game.hand(seat)).isEqualTo(TestFrames.cards(state.path("cards")));
    List<String> table = new ArrayList<>();
    for (PlayedCard played : game.tableCards()) {
      table.add(played.seat() + ":" + played.card());
    }
    List<String> shown = new ArrayList<>();
    for (JsonNode played : state.path("table")) {
      shown.add(played.path("seat").asInt() + ":" + TestFrames.card(played.path("card")));
    }
    assertThat(table).isEqualTo(shown);
    assertThat(game.turn()).isEqualTo(seat);
    assertThat(snapshot.seq()).isGreaterThanOrEqualTo(state.path("seq").asLong());

    // The Redis record and the PostgreSQL record are the same rows.
    assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
    List<Integer> sequences = new ArrayList<>();
    for (RecordedMove move : snapshot.moves()) {
      sequences.add(move.sequence());
    }
    List<Integer> stored =
        jdbc.queryForList(
            "SELECT sequence_number FROM game_moves WHERE game_session_id = ?"
                + " ORDER BY sequence_number",
            Integer.class,
            snapshot.sessionId());
    assertThat(stored).isEqualTo(sequences);
    Map<String, Object> session =
        jdbc.queryForMap(
            "SELECT seed, deal_secret FROM game_sessions WHERE id = ?", snapshot.sessionId());
    assertThat(session.get("seed")).as("a game dealt from a secret has no seed").isNull();
    assertThat((byte[]) session.get("deal_secret")).isEqualTo(snapshot.dealSecret());
    player.close();
  }

  @Test
  void aTableRebuiltFromPostgresqlIsDealtFromItsSecret() throws Exception {
    WsClient player = TestFrames.guest(port);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    UUID tableId = UUID.fromString(created.path("tableId").asString());
    int seat = created.path("you").path("seat").asInt();
    TestFrames.playUntilMyTurnWithCardsOnTheTable(player, seat, new Random(9));
    JsonNode state = player.request(Map.of("type", "sync"));
    TableSnapshot copy = snapshotOf(tableId);
    assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();

    // A Redis copy behind PostgreSQL: the table resumes from PostgreSQL's record, same secret.
    TableSnapshot behind =
        new TableSnapshot(
            copy.tableId(),
            copy.code(),
            copy.options(),
            copy.quickMatch(),
            copy.status(),
            copy.sessionId(),
            copy.gameNumber(),
            copy.seed(),
            copy.dealSecret(),
            copy.seq(),
            1,
            copy.seats(),
            copy.moves().subList(0, 1));
    TableSnapshot ahead = recovery.ifAhead(behind);
    assertThat(ahead).isNotNull();
    assertThat(ahead.dealSecret()).isEqualTo(copy.dealSecret());
    assertThat(replay(ahead).hand(seat)).isEqualTo(TestFrames.cards(state.path("cards")));

    // No Redis copy at all: the game is rebuilt from PostgreSQL alone, its secret included.
    TableSnapshot rebuilt =
        recovery.activeTables(Set.of()).stream()
            .filter(t -> t.sessionId().equals(copy.sessionId()))
            .findFirst()
            .orElseThrow();
    assertThat(rebuilt.dealSecret()).isEqualTo(copy.dealSecret());
    assertThat(rebuilt.seed()).isZero();
    Game game = replay(rebuilt);
    assertThat(game.hand(seat)).isEqualTo(TestFrames.cards(state.path("cards")));
    assertThat(game.moves()).isEqualTo(replay(copy).moves());
    player.close();
  }

  @Test
  void whenRedisStopsTheGameGoesOnAndItsCopyIsRewrittenWhenRedisReturns() throws Exception {
    WsClient player = TestFrames.guest(port);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    UUID tableId = UUID.fromString(created.path("tableId").asString());
    int seat = created.path("you").path("seat").asInt();
    var redisServer = EmbeddedServices.runningRedis().orElseThrow();
    redisServer.stop();
    try {
      // Moves go on without Redis.
      int before = player.received().size();
      TestFrames.playMoves(player, seat, new Random(6), 20);
      assertThat(player.received().size()).isGreaterThan(before);
    } finally {
      redisServer.restart();
    }
    // Redis came back empty: the table's copy is written again, whole.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    TableSnapshot snapshot = null;
    while (System.nanoTime() < deadline) {
      snapshot =
          store.restore().stream()
              .filter(t -> t.tableId().equals(tableId))
              .findFirst()
              .orElse(null);
      if (snapshot != null && store.dirtyTables() == 0 && !snapshot.moves().isEmpty()) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(snapshot).as("the table is back in Redis").isNotNull();
    JsonNode state = player.request(Map.of("type", "sync"));
    assertThat(snapshot.dealSecret()).as("the rewritten copy keeps the secret").hasSize(32);
    Game game = replay(snapshot);
    assertThat(game.hand(seat).size()).isLessThanOrEqualTo(13);
    assertThat(snapshot.moves().get(0).type()).isEqualTo("deal");
    for (int i = 0; i < snapshot.moves().size(); i++) {
      assertThat(snapshot.moves().get(i).sequence()).isEqualTo(i + 1);
    }
    // The rewritten copy is at least as far as the state the player was shown.
    assertThat(game.publicView().hand()).isGreaterThanOrEqualTo(state.path("handNumber").asInt(1));
    player.close();
  }

  @Test
  void aMoveLeavesTheServerOnlyOnceItIsInRedisEvenRightAfterTheCopyLostItsRecord()
      throws Exception {
    WsClient player = TestFrames.guest(port);
    JsonNode created =
        player.request(
            Map.of(
                "type", "create_table", "private", true, "fillWithBots", true, "turnSeconds", 300));
    UUID tableId = UUID.fromString(created.path("tableId").asString());
    int seat = created.path("you").path("seat").asInt();
    TestFrames.playUntilMyTurnWithCardsOnTheTable(player, seat, new Random(8));
    JsonNode state = player.request(Map.of("type", "sync"));
    snapshotOf(tableId);

    // The copy loses its record behind the server's back (as when Redis comes back from an older
    // file): the next append finds a gap.
    String key = "hokm:table:" + tableId + ":moves";
    redis.delete(key);
    JsonNode card = state.path("legal").get(0);
    player.send(
        Map.of(
            "type",
            "play_card",
            "card",
            Map.of("suit", card.path("suit").asString(), "rank", card.path("rank").asString())));
    player.await(
        f ->
            f.path("type").asString().equals("card_played")
                && f.path("seat").asInt() == seat
                && TestFrames.card(f.path("card")).equals(TestFrames.card(card)));

    // The frame has left the server, so the move is in Redis already, in a whole record.
    tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();
    List<RecordedMove> copy = new ArrayList<>();
    for (String raw : redis.opsForList().range(key, 0, -1)) {
      copy.add(json.readValue(raw, RecordedMove.class));
    }
    assertThat(copy).isNotEmpty();
    for (int i = 0; i < copy.size(); i++) {
      assertThat(copy.get(i).sequence()).as("records without a gap").isEqualTo(i + 1);
    }
    assertThat(copy.stream().map(RecordedMove::toMove))
        .contains(new Move.PlayCard(seat, TestFrames.card(card)));
    player.close();
  }

  @Test
  void aRematchStartsTheTablesRedisRecordAfresh() throws Exception {
    WsClient player = TestFrames.guest(port);
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
    UUID tableId = UUID.fromString(created.path("tableId").asString());
    int seat = created.path("you").path("seat").asInt();
    TestFrames.playUntilGameOver(List.of(player), new int[] {seat}, new Random(11));
    TableSnapshot first = snapshotOf(tableId);
    UUID firstSession = first.sessionId();

    player.request(Map.of("type", "rematch"));
    assertThat(player.awaitType("game_started").path("gameNumber").asInt()).isEqualTo(2);
    player.request(Map.of("type", "sync"));

    // The list holds the second game's records only, from its deal on: a restart resumes that game.
    TableSnapshot snapshot = snapshotOf(tableId);
    assertThat(snapshot.sessionId()).isNotEqualTo(firstSession);
    // The first game's secret may be revealed by its replay: the second is dealt from its own.
    assertThat(snapshot.dealSecret()).hasSize(32).isNotEqualTo(first.dealSecret());
    List<String> raw = redis.opsForList().range("hokm:table:" + tableId + ":moves", 0, -1);
    assertThat(raw).isNotEmpty();
    tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();
    for (int i = 0; i < raw.size(); i++) {
      RecordedMove move = json.readValue(raw.get(i), RecordedMove.class);
      assertThat(move.sessionId()).isEqualTo(snapshot.sessionId());
      assertThat(move.sequence()).isEqualTo(i + 1);
    }
    assertThat(snapshot.moves().get(0).type()).isEqualTo("deal");
    replay(snapshot);
    player.close();
  }

  /** The table's copy in Redis, once every table's copy is complete. */
  private TableSnapshot snapshotOf(UUID tableId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      TableSnapshot snapshot = store.dirtyTables() == 0 ? store.load(tableId) : null;
      if (snapshot != null) {
        return snapshot;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("table " + tableId + " is not in Redis");
  }

  /** The game a snapshot holds, dealt from its secret (or, for an old game, its seed). */
  static Game replay(TableSnapshot snapshot) {
    return snapshot.dealSecret() != null
        ? Game.replay(snapshot.dealSecret(), snapshot.options().rules(), engineMoves(snapshot))
        : Game.replay(snapshot.seed(), snapshot.options().rules(), engineMoves(snapshot));
  }

  static List<Move> engineMoves(TableSnapshot snapshot) {
    List<Move> moves = new ArrayList<>();
    for (RecordedMove recorded : snapshot.moves()) {
      Move move = recorded.toMove();
      if (move != null) {
        moves.add(move);
      }
    }
    return moves;
  }
}
