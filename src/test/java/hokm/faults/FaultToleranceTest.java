package hokm.faults;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.TestFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The promise to players, proven with real processes: real PostgreSQL (primary and streaming
 * replica), pgBouncer, Redis and the server jar on loopback ({@code scripts/loopback.sh}). Games
 * are played by WebSocket clients while one part fails; afterwards every game has finished and
 * PostgreSQL holds every move the clients saw, exactly once, in order, and each game replays to its
 * recorded result.
 *
 * <p>Run by {@code .ci/run} after the unit and integration suite: {@code mvn surefire:test
 * -Dgroups=faults -Dtest.excludedGroups=} (needs root, Debian's postgresql-15, pgbouncer and
 * redis-server, and the jar from {@code mvn verify}).
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {
  private static final Duration THINK = Duration.ofMillis(15);
  private static Loopback loopback;
  private static int port;
  private final List<AutoPlayer> players = new ArrayList<>();

  @BeforeAll
  static void up() {
    loopback = Loopback.up();
    port = loopback.serverPort();
  }

  @AfterAll
  static void down() {
    if (loopback != null) {
      loopback.down();
    }
  }

  @AfterEach
  void closePlayers() {
    players.forEach(AutoPlayer::close);
    players.clear();
  }

  /** Two tables of four human clients each, playing to 3 points. */
  private List<List<AutoPlayer>> startGames() {
    List<List<AutoPlayer>> tables = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      List<AutoPlayer> table = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        table.add(new AutoPlayer(port, TestFrames.guestToken(port), THINK, t * 10L + i));
      }
      JsonNode created =
          table
              .get(0)
              .client()
              .request(
                  Map.of(
                      "type",
                      "create_table",
                      "private",
                      true,
                      "targetPoints",
                      3,
                      "turnSeconds",
                      300));
      String code = created.path("code").asString();
      table.get(0).seat = created.path("you").path("seat").asInt();
      table.get(0).tableId = created.path("tableId").asString();
      for (int i = 1; i < 4; i++) {
        JsonNode joined = table.get(i).client().request(Map.of("type", "join_table", "code", code));
        table.get(i).seat = joined.path("you").path("seat").asInt();
        table.get(i).tableId = joined.path("tableId").asString();
      }
      table.forEach(AutoPlayer::start);
      players.addAll(table);
      tables.add(table);
    }
    return tables;
  }

  private void awaitGamesOver(List<List<AutoPlayer>> tables, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (players.stream().allMatch(AutoPlayer::finished)) {
        return;
      }
      for (AutoPlayer player : players) {
        assertThat(player.failure).as("player failure").isNull();
      }
      sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("games did not finish within " + timeout);
  }

  /** PostgreSQL holds every move each client saw, exactly once and in order; replays verify. */
  private void assertRecordedExactly(List<List<AutoPlayer>> tables) throws Exception {
    loopback.waitForJournal(Duration.ofSeconds(60));
    try (Connection db = loopback.owner()) {
      for (List<AutoPlayer> table : tables) {
        String tableId = table.get(0).tableId;
        UUID session = sessionOf(db, tableId);
        List<String> recorded = new ArrayList<>();
        List<Integer> sequences = new ArrayList<>();
        try (PreparedStatement query =
            db.prepareStatement(
                "SELECT sequence_number, move_type, seat, move_data->>'suit',"
                    + " move_data->'card'->>'rank', move_data->'card'->>'suit'"
                    + " FROM game_moves WHERE game_session_id = ? ORDER BY sequence_number")) {
          query.setObject(1, session);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              sequences.add(rows.getInt(1));
              switch (rows.getString(2)) {
                case "choose_trump" ->
                    recorded.add("trump " + rows.getInt(3) + " " + rows.getString(4));
                case "play_card" ->
                    recorded.add(
                        "card " + rows.getInt(3) + " " + rows.getString(5) + rows.getString(6));
                default -> {}
              }
            }
          }
        }
        for (int i = 0; i < sequences.size(); i++) {
          assertThat(sequences.get(i)).as("sequence numbers without gaps").isEqualTo(i + 1);
        }
        for (AutoPlayer player : table) {
          assertThat(recorded)
              .as("every move seat %d saw is recorded once, in order", player.seat)
              .containsSubsequence(player.seenMoves);
        }
        try (PreparedStatement query =
            db.prepareStatement("SELECT status, winner_team FROM game_sessions WHERE id = ?")) {
          query.setObject(1, session);
          try (ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("completed");
            assertThat(row.getInt(2)).isEqualTo(table.get(0).gameOver.path("winnerTeam").asInt());
          }
        }
        Http.Response replay =
            new Http(port).get("/api/games/" + session + "/replay", table.get(0).token);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("verified").asBoolean())
            .as(replay.json().path("mismatches").toString())
            .isTrue();
      }
    }
  }

  private static UUID sessionOf(Connection db, String tableId) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("SELECT id FROM game_sessions WHERE room_id = ? || '#1'")) {
      query.setString(1, tableId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("session of table " + tableId).isTrue();
        return row.getObject(1, UUID.class);
      }
    }
  }

  private void playThrough(String fault, Runnable inject, Runnable recover) throws Exception {
    List<List<AutoPlayer>> tables = startGames();
    sleep(Duration.ofSeconds(2));
    long injected = System.nanoTime();
    inject.run();
    recover.run();
    long recovered = System.nanoTime();
    awaitGamesOver(tables, Duration.ofSeconds(360));
    long finished = System.nanoTime();
    assertRecordedExactly(tables);
    long persisted = System.nanoTime();
    String line =
        String.format(
            "%s: fault window %.1f s; games finished %.1f s after recovery; journal caught up %.1f"
                + " s after recovery",
            fault,
            (recovered - injected) / 1e9,
            (finished - recovered) / 1e9,
            (persisted - recovered) / 1e9);
    System.out.println("RECOVERY " + line);
    loopback.note(line);
  }

  @Test
  @Order(1)
  void postgresStoppedFor20Seconds() throws Exception {
    playThrough(
        "PostgreSQL primary stopped for 20 s",
        () -> {
          loopback.stop("primary", "TERM");
          sleep(Duration.ofSeconds(20));
          // The server's journal buffer is small here (HOKM_SERVER_OPTS): by now it is full and
          // later writes wait in Redis; all of them must still reach PostgreSQL, in order.
          String metrics = new Http(loopback.managementPort()).get("/actuator/prometheus").body();
          assertThat(metrics.lines().filter(l -> l.startsWith("hokm_journal_spilled ")).findFirst())
              .as("writes spilled to Redis while PostgreSQL is away")
              .hasValueSatisfying(
                  l -> assertThat(Double.parseDouble(l.split(" ")[1])).isGreaterThan(0));
        },
        () -> loopback.start("primary"));
  }

  @Test
  @Order(2)
  void pgBouncerStoppedAndStarted() throws Exception {
    playThrough(
        "pgBouncer stopped for 5 s",
        () -> {
          loopback.stop("pgbouncer", "TERM");
          sleep(Duration.ofSeconds(5));
        },
        () -> loopback.start("pgbouncer"));
  }

  @Test
  @Order(3)
  void redisStoppedAndStarted() throws Exception {
    playThrough(
        "Redis stopped for 5 s",
        () -> {
          loopback.stop("redis", "KILL");
          sleep(Duration.ofSeconds(5));
        },
        () -> loopback.start("redis"));
  }

  @Test
  @Order(4)
  void replicaStoppedWhileAnalyticsIsRead() throws Exception {
    Http http = new Http(port);
    assertThat(http.get("/api/leaderboard").status()).isEqualTo(200);
    loopback.stop("replica", "TERM");
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        Http.Response board = http.get("/api/leaderboard");
        assertThat(board.status()).as(board.body()).isEqualTo(200);
      }
      String metrics = new Http(loopback.managementPort()).get("/actuator/prometheus").body();
      assertThat(metrics).contains("hokm_analytics_replica_fallback_total");
      loopback.note(
          String.format(
              "Replica stopped: 5 leaderboard reads answered from the primary in %.1f s",
              (System.nanoTime() - started) / 1e9));
    } finally {
      loopback.start("replica");
    }
  }

  @Test
  @Order(5)
  void serverKilledMidTrickAndRestarted() throws Exception {
    playThrough(
        "Server killed (SIGKILL) and started again",
        () -> loopback.stop("server", "KILL"),
        () -> {
          loopback.start("server");
          port = loopback.serverPort();
        });
    assertThat(players.stream().mapToLong(p -> p.reconnects).sum()).isGreaterThan(0);
  }

  @Test
  @Order(6)
  void serverStoppedGracefullyAndRestarted() throws Exception {
    playThrough(
        "Server stopped (SIGTERM) and started again",
        () -> loopback.stop("server", "TERM"),
        () -> loopback.start("server"));
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The loopback topology, driven through {@code scripts/loopback.sh}. */
  static final class Loopback {
    private final Map<String, String> env;
    private final List<String> notes = new ArrayList<>();

    private Loopback(Map<String, String> env) {
      this.env = env;
    }

    static Loopback up() {
      run("up");
      Map<String, String> env = new HashMap<>();
      for (String line : run("env").split("\n")) {
        if (line.startsWith("export ")) {
          String[] pair = line.substring(7).split("=", 2);
          env.put(pair[0], pair[1].replaceAll("^'|'$", ""));
        }
      }
      return new Loopback(env);
    }

    int serverPort() {
      return Integer.parseInt(env.get("LOOPBACK_SERVER_PORT"));
    }

    /** The server's actuator: metrics and health details are not on the players' port. */
    int managementPort() {
      return Integer.parseInt(env.get("LOOPBACK_MANAGEMENT_PORT"));
    }

    Connection owner() throws SQLException {
      return DriverManager.getConnection(
          env.get("DATABASE_MIGRATION_URL"),
          env.get("DATABASE_MIGRATION_USERNAME"),
          env.get("DATABASE_MIGRATION_PASSWORD"));
    }

    void stop(String component, String signal) {
      run("stop", component, signal);
    }

    void start(String component) {
      run("start", component);
    }

    void down() {
      try {
        run("down");
      } finally {
        if (!notes.isEmpty()) {
          System.out.println("RECOVERY TIMES\n" + String.join("\n", notes));
        }
      }
    }

    void note(String line) {
      notes.add(line);
    }

    /** Waits until the server's journal has nothing queued (its health detail). */
    void waitForJournal(Duration timeout) {
      Http http = new Http(managementPort());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          JsonNode health = http.get("/actuator/health").json();
          JsonNode journal = health.path("components").path("journal").path("details");
          if (journal.path("queued").asInt(-1) == 0) {
            return;
          }
        } catch (RuntimeException e) {
          // The server may be starting.
        }
        sleep(Duration.ofMillis(200));
      }
      throw new AssertionError("the journal did not catch up within " + timeout);
    }

    private static String run(String... args) {
      List<String> command = new ArrayList<>();
      command.add("bash");
      command.add(Path.of("scripts/loopback.sh").toString());
      command.addAll(List.of(args));
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // Every client of this test connects from 127.0.0.1, like many players behind one address:
        // the per-address limits are raised so that a server restart's reconnections all get in,
        // and so that every test's guests can be created.
        builder
            .environment()
            .put(
                "HOKM_SERVER_OPTS",
                "--hokm.gateway.connections-per-ip-per-minute=100000"
                    + " --hokm.gateway.max-sockets-per-ip=100000"
                    + " --hokm.security.sign-up.guests-per-ip-per-hour=100000"
                    + " --hokm.security.sign-up.guests-per-minute=100000"
                    // A journal buffer this small fills during a PostgreSQL outage, so the
                    // outage tests also exercise the spill to Redis.
                    + " --hokm.journal.buffer-capacity=50");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
          throw new AssertionError("loopback.sh " + String.join(" ", args) + " failed: " + code);
        }
        return out;
      } catch (IOException e) {
        throw new AssertionError("cannot run loopback.sh", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
