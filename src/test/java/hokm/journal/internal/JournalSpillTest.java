package hokm.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.TeamCounts;
import hokm.table.GameRecorder.LiveState;
import hokm.table.GameRecorder.OpenedSession;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.GameRecorder.SeatRecord;
import hokm.table.GameRecorder.StartedGame;
import hokm.table.TableOptions;
import hokm.testsupport.IntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A journal whose memory buffer fills while PostgreSQL is away goes on in Redis: nothing is
 * dropped, and once PostgreSQL is back everything is written in the order it was recorded.
 */
@IntegrationTest
class JournalSpillTest {
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectProvider<StringRedisTemplate> redis;

  /** The real database, except that connections are refused while {@code down} is set. */
  static final class SwitchableDataSource extends DelegatingDataSource {
    final AtomicBoolean down = new AtomicBoolean();

    SwitchableDataSource(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down.get()) {
        throw new SQLTransientConnectionException("the database is away", "08001");
      }
      return super.getConnection();
    }
  }

  @Test
  void writesPastAFullBufferWaitInRedisAndReachPostgresqlInOrder() throws Exception {
    SwitchableDataSource database = new SwitchableDataSource(dataSource);
    String instance = "spill-test-" + UUID.randomUUID();
    String spillKey = "hokm:instance:" + instance + ":journal-spill";
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    database.down.set(true);
    JournalWriter journal =
        new JournalWriter(
            database,
            metrics,
            CircuitBreakerRegistry.ofDefaults(),
            new InstanceId(instance),
            redis,
            5);
    try {
      UUID session = UUID.randomUUID();
      UUID table = UUID.randomUUID();
      journal.sessionOpened(
          new OpenedSession(
              session,
              table,
              table + "#1",
              7L,
              null,
              new TableOptions(false, 7, true, 30, true),
              null,
              Instant.now()));
      AtomicInteger callbacks = new AtomicInteger();
      for (int sequence = 1; sequence <= 60; sequence++) {
        journal.move(
            new RecordedMove(
                session,
                sequence,
                "play_card",
                sequence % 4,
                null,
                true,
                Map.of("card", "AS"),
                1,
                1 + (sequence - 1) % 13,
                Instant.now()));
        if (sequence % 20 == 0) {
          journal.afterWritten(callbacks::incrementAndGet);
        }
      }

      // A session dealt from a secret, opened while writes go to Redis: the secret goes there too.
      UUID secretSession = UUID.randomUUID();
      byte[] secret = hokm.engine.Game.newDealSecret();
      journal.sessionOpened(
          new OpenedSession(
              secretSession,
              table,
              table + "#2",
              0L,
              secret,
              new TableOptions(false, 7, true, 30, true),
              null,
              Instant.now()));

      // The buffer holds 5 writes; the rest went to Redis, none was dropped.
      assertThat(redis.getObject().opsForList().size(spillKey)).isGreaterThan(50L);
      assertThat(metrics.counter("hokm.journal.dropped").count()).isZero();
      assertThat(journal.pending()).isGreaterThan(60);
      assertThat(callbacks).hasValue(0);

      database.down.set(false);
      assertThat(journal.flush(Duration.ofSeconds(30))).as("the journal catches up").isTrue();

      // The session (written from memory) came before its moves (from Redis): all in order.
      List<Integer> stored =
          jdbc.queryForList(
              "SELECT sequence_number FROM game_moves WHERE game_session_id = ?"
                  + " ORDER BY sequence_number",
              Integer.class,
              session);
      assertThat(stored).hasSize(60).startsWith(1, 2, 3).endsWith(59, 60);
      assertThat(callbacks).as("what waited for the writes has run").hasValue(3);
      Map<String, Object> secretRow =
          jdbc.queryForMap(
              "SELECT seed, deal_secret FROM game_sessions WHERE id = ?", secretSession);
      assertThat(secretRow.get("seed")).isNull();
      assertThat((byte[]) secretRow.get("deal_secret")).isEqualTo(secret);
      // The writer removes the last chunk from Redis just after committing it, then finds the list
      // empty and goes back to memory.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (journal.spilling() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(journal.spilling()).isFalse();
      assertThat(redis.getObject().opsForList().size(spillKey)).isZero();
      assertThat(journal.pending()).isZero();

      // Buffered in memory again: a later write does not touch Redis.
      journal.move(
          new RecordedMove(
              session, 61, "play_card", 1, null, true, Map.of("card", "KS"), 1, 5, Instant.now()));
      assertThat(redis.getObject().opsForList().size(spillKey)).isZero();
      assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM game_moves WHERE game_session_id = ?",
                  Integer.class,
                  session))
          .isEqualTo(61);
    } finally {
      database.down.set(false);
      journal.stop();
      redis.getObject().delete(spillKey);
    }
  }

  @Test
  void theStatesOfGamesInProgressGoThroughRedisInOrderToo() throws Exception {
    SwitchableDataSource database = new SwitchableDataSource(dataSource);
    String instance = "spill-test-" + UUID.randomUUID();
    String spillKey = "hokm:instance:" + instance + ":journal-spill";
    database.down.set(true);
    JournalWriter journal =
        new JournalWriter(
            database,
            new SimpleMeterRegistry(),
            CircuitBreakerRegistry.ofDefaults(),
            new InstanceId(instance),
            redis,
            3);
    try {
      UUID session = UUID.randomUUID();
      UUID table = UUID.randomUUID();
      TableOptions options = new TableOptions(false, 7, true, 30, true);
      journal.sessionOpened(
          new OpenedSession(session, table, table + "#1", 7L, null, options, null, Instant.now()));
      List<SeatRecord> seats = new ArrayList<>();
      for (int seat = 0; seat < 4; seat++) {
        seats.add(new SeatRecord(seat, null, "heuristic", true));
      }
      journal.gameStarted(new StartedGame(session, options.rules(), seats, Instant.now()));
      // The buffer is full: each state goes to Redis itself, in order (written there, it can no
      // longer be replaced by a later one).
      for (int hand = 1; hand <= 20; hand++) {
        journal.liveState(
            new LiveState(session, new TeamCounts(hand, 0), Map.of("handNumber", hand)));
      }
      assertThat(journal.spilling()).isTrue();

      database.down.set(false);
      assertThat(journal.flush(Duration.ofSeconds(30))).as("the journal catches up").isTrue();
      Map<String, Object> row =
          jdbc.queryForMap(
              "SELECT status, (game_state ->> 'handNumber')::int AS hand,"
                  + " (scores ->> 'team1')::int AS team1 FROM game_sessions WHERE id = ?",
              session);
      assertThat(row)
          .containsEntry("status", "active")
          .containsEntry("hand", 20)
          .containsEntry("team1", 20);
    } finally {
      database.down.set(false);
      journal.stop();
      redis.getObject().delete(spillKey);
    }
  }
}
