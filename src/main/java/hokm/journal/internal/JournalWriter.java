package hokm.journal.internal;

import hokm.engine.EndReason;
import hokm.engine.GameEvent;
import hokm.gateway.ConnectionRecorder;
import hokm.table.GameRecorder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records games and connections in PostgreSQL without ever making a table wait: callers only queue;
 * one writer thread drains the queue in order and writes many rows per statement and per commit.
 * Every write is idempotent (inserts skip rows that exist, updates set absolute values, results are
 * applied once), so a batch that failed is simply written again, in order, until it succeeds.
 */
@Component
public class JournalWriter implements GameRecorder, ConnectionRecorder {
  private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
  private static final int MAX_BATCH = 2000;
  private static final int ELO_K = 32;
  private static final int BOT_RATING = 1500;

  private final DataSource dataSource;
  private final CircuitBreaker breaker;
  private final String instance;
  private final int capacity;
  private final JsonMapper json = JsonMapper.builder().build();
  private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  private final Counter dropped;

  /** Writes were dropped from a full buffer: the tables' copies in Redis must be written again. */
  private volatile boolean overflowed;

  private volatile Runnable resync = () -> {};
  private final Thread writer;
  private final Timer writeLatency;
  private final Counter rowsWritten;
  private final Counter failures;
  private final java.util.concurrent.atomic.AtomicLong enqueued =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long written;
  private volatile boolean running = true;
  private volatile Instant oldestPending;

  public JournalWriter(
      DataSource dataSource,
      MeterRegistry registry,
      CircuitBreakerRegistry breakers,
      InstanceId instance,
      @Value("${hokm.journal.buffer-capacity:200000}") int capacity) {
    this.dataSource = dataSource;
    this.breaker = breakers.circuitBreaker("postgres");
    this.instance = instance.value();
    this.capacity = capacity;
    this.dropped =
        Counter.builder("hokm.journal.dropped")
            .description(
                "Journal writes dropped from the full in-memory buffer (rewritten from Redis later)")
            .register(registry);
    this.writeLatency =
        Timer.builder("hokm.journal.write.latency")
            .description("Time to write one batch of the journal to PostgreSQL")
            .publishPercentileHistogram()
            .register(registry);
    this.rowsWritten =
        Counter.builder("hokm.journal.writes")
            .description("Journal writes committed to PostgreSQL")
            .register(registry);
    this.failures =
        Counter.builder("hokm.journal.write.failures")
            .description("Journal batches that failed and will be retried")
            .register(registry);
    Gauge.builder("hokm.journal.queue.depth", queue, BlockingQueue::size)
        .description("Journal writes waiting for PostgreSQL")
        .register(registry);
    Gauge.builder("hokm.journal.lag.seconds", this, JournalWriter::lagSeconds)
        .description("Age of the oldest journal write not yet in PostgreSQL")
        .register(registry);
    this.writer = new Thread(this::run, "journal-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Writes waiting to be made durable. */
  public int pending() {
    return queue.size();
  }

  /** How full the in-memory buffer is, 0..1. */
  public double fill() {
    return queue.size() / (double) capacity;
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  double lagSeconds() {
    Instant oldest = oldestPending;
    Write head = queue.peek();
    Instant since = oldest != null ? oldest : head != null ? head.queuedAt : null;
    return since == null ? 0 : Duration.between(since, Instant.now()).toNanos() / 1e9;
  }

  // ---------------------------------------------------------------------------------------------
  // What tables and sockets report

  @Override
  public void sessionOpened(OpenedSession session) {
    enqueue(
        "INSERT INTO game_sessions (id, room_id, session_key, status, seed, target_points,"
            + " kot_scoring, is_private, join_code, created_at, server_instance, turn_seconds)"
            + " VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        session.sessionId(),
        session.roomId(),
        session.tableId() + "/" + session.sessionId(),
        session.seed(),
        session.options().targetPoints(),
        session.options().kot(),
        session.options().privateTable(),
        session.joinCode(),
        ts(session.createdAt()),
        instance,
        session.options().turnSeconds());
  }

  @Override
  public void gameStarted(StartedGame game) {
    enqueue(
        "UPDATE game_sessions SET status = 'active', started_at = ?"
            + " WHERE id = ? AND status = 'waiting'",
        ts(game.startedAt()),
        game.sessionId());
    for (SeatRecord seat : game.seats()) {
      enqueue(
          "INSERT INTO game_participants (game_session_id, player_id, position, team, is_bot,"
              + " bot_kind, is_connected, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (game_session_id, position) DO NOTHING",
          game.sessionId(),
          seat.player() == null ? null : seat.player().id(),
          seat.seat(),
          seat.team(),
          seat.player() == null,
          seat.player() == null ? seat.botKind() : null,
          seat.player() != null && seat.connected(),
          ts(game.startedAt()));
    }
  }

  @Override
  public void move(RecordedMove move) {
    boolean deal = move.type().equals("deal");
    enqueue(
        "INSERT INTO game_moves (game_session_id, player_id, seat, is_bot, move_type, move_data,"
            + " sequence_number, hand_number, trick_number, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
            + " ON CONFLICT (game_session_id, sequence_number) DO NOTHING",
        move.sessionId(),
        move.player() == null ? null : move.player().id(),
        move.seat() < 0 ? null : move.seat(),
        move.bot(),
        move.type(),
        json.writeValueAsString(move.data()),
        move.sequence(),
        move.hand(),
        move.trick() > 0 ? move.trick() : null,
        ts(move.at()));
    if (deal) {
      enqueue(
          "INSERT INTO game_hands (game_session_id, hand_number, hand_seed, hakem_seat, deal,"
              + " started_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)"
              + " ON CONFLICT (game_session_id, hand_number) DO NOTHING",
          move.sessionId(),
          move.hand(),
          move.data().get("handSeed"),
          move.data().get("hakem"),
          json.writeValueAsString(move.data().get("hands")),
          ts(move.at()));
    } else if (move.type().equals("choose_trump")) {
      enqueue(
          "UPDATE game_hands SET trump = ? WHERE game_session_id = ? AND hand_number = ?",
          move.data().get("suit"),
          move.sessionId(),
          move.hand());
    }
  }

  @Override
  public void handOver(UUID sessionId, GameEvent.HandOver hand, Instant at) {
    enqueue(
        "UPDATE game_hands SET team1_tricks = ?, team2_tricks = ?, winner_team = ?, points = ?,"
            + " completed_at = ? WHERE game_session_id = ? AND hand_number = ?",
        hand.tricks().team1(),
        hand.tricks().team2(),
        hand.winnerTeam(),
        hand.points(),
        ts(at),
        sessionId,
        hand.hand());
  }

  @Override
  public void seatChanged(UUID sessionId, SeatRecord seat) {
    if (seat.player() == null) {
      // The human left and a bot plays on: the row keeps who played, and when they left.
      enqueue(
          "UPDATE game_participants SET is_connected = false, left_at = coalesce(left_at, now())"
              + " WHERE game_session_id = ? AND position = ? AND NOT is_bot",
          sessionId,
          seat.seat());
    } else {
      enqueue(
          "UPDATE game_participants SET is_connected = ?"
              + " WHERE game_session_id = ? AND position = ? AND player_id = ?",
          seat.connected(),
          sessionId,
          seat.seat(),
          seat.player().id());
    }
  }

  @Override
  public void gameEnded(EndedGame game) {
    add(new EndGame(game, json.writeValueAsString(game.finalState())));
  }

  @Override
  public void connected(String connectionId, UUID playerId, String remoteAddress, Instant at) {
    enqueue(
        "INSERT INTO websocket_connections (player_id, connection_id, connected_at, is_active)"
            + " VALUES (?, ?, ?, true) ON CONFLICT (connection_id) DO NOTHING",
        playerId,
        connectionId,
        ts(at));
    enqueue("UPDATE players SET last_seen = ? WHERE id = ?", ts(at), playerId);
  }

  @Override
  public void ping(String connectionId, Instant at) {
    enqueue(
        "UPDATE websocket_connections SET last_ping = ? WHERE connection_id = ? AND is_active",
        ts(at),
        connectionId);
  }

  @Override
  public void disconnected(String connectionId, Instant at) {
    enqueue(
        "UPDATE websocket_connections SET is_active = false, disconnected_at = ?"
            + " WHERE connection_id = ? AND is_active",
        ts(at),
        connectionId);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private abstract static class Write {
    final Instant queuedAt = Instant.now();
  }

  private static final class Callback extends Write {
    final Runnable action;

    Callback(Runnable action) {
      this.action = action;
    }
  }

  private static final class Statement extends Write {
    final String sql;
    final Object[] args;

    Statement(String sql, Object[] args) {
      this.sql = sql;
      this.args = args;
    }
  }

  /** The end of a game: its result, and each human's record and rating, applied exactly once. */
  private static final class EndGame extends Write {
    final EndedGame game;
    final String finalState;

    EndGame(EndedGame game, String finalState) {
      this.game = game;
      this.finalState = finalState;
    }
  }

  private void enqueue(String sql, Object... args) {
    add(new Statement(sql, args));
  }

  private void add(Write write) {
    if (queue.size() >= capacity) {
      // PostgreSQL has been away long enough to fill the buffer. Redis holds every table's record;
      // once PostgreSQL is back the tables are written again from there.
      overflowed = true;
      dropped.increment();
      return;
    }
    enqueued.incrementAndGet();
    queue.add(write);
  }

  /** Runs {@code action} once every write queued before it is in PostgreSQL. */
  public void afterWritten(Runnable action) {
    add(new Callback(action));
  }

  /** What to do after an overflow, once the buffer has drained: write every table again. */
  void onResync(Runnable action) {
    this.resync = action;
  }

  /** Writes the whole record of a table again (idempotently): after a restart or an overflow. */
  public void rewrite(hokm.table.TableSnapshot table) {
    java.time.Instant now = java.time.Instant.now();
    sessionOpened(
        new OpenedSession(
            table.sessionId(),
            table.tableId(),
            table.tableId() + "#" + table.gameNumber(),
            table.seed(),
            table.options(),
            table.code(),
            now));
    if (table.status().equals("waiting")) {
      return;
    }
    List<SeatRecord> seats = new ArrayList<>();
    for (int i = 0; i < table.seats().size(); i++) {
      hokm.table.TableSnapshot.Seat seat = table.seats().get(i);
      seats.add(
          new SeatRecord(i, seat.player(), seat.player() == null ? "heuristic" : null, false));
    }
    gameStarted(new StartedGame(table.sessionId(), table.options().rules(), seats, now));
    for (RecordedMove move : table.moves()) {
      move(move);
    }
  }

  private void run() {
    List<Write> batch = new ArrayList<>();
    long backoffMillis = 100;
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Write first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          oldestPending = first.queuedAt;
        }
        if (!breaker.tryAcquirePermission()) {
          // The breaker is open: PostgreSQL is known to be down. Wait for it to half-open.
          Thread.sleep(200);
          continue;
        }
        long started = System.nanoTime();
        try {
          write(batch);
        } catch (SQLException | RuntimeException e) {
          breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
          throw e;
        }
        long took = System.nanoTime() - started;
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        writeLatency.record(took, TimeUnit.NANOSECONDS);
        rowsWritten.increment(batch.size());
        written += batch.size();
        for (Write write : batch) {
          if (write instanceof Callback callback) {
            runQuietly(callback.action);
          }
        }
        batch.clear();
        oldestPending = null;
        backoffMillis = 100;
        if (overflowed && queue.isEmpty()) {
          overflowed = false;
          runQuietly(resync);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        failures.increment();
        log.warn(
            "journal batch of {} writes failed, retrying in {} ms: {}",
            batch.size(),
            backoffMillis,
            e.toString());
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoffMillis = Math.min(backoffMillis * 2, 5000);
      }
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("journal callback failed: {}", e.toString());
    }
  }

  private void write(List<Write> batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int i = 0;
        while (i < batch.size()) {
          Write write = batch.get(i);
          if (write instanceof EndGame end) {
            endGame(connection, end);
            i++;
            continue;
          }
          if (write instanceof Callback) {
            i++;
            continue;
          }
          String sql = ((Statement) write).sql;
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            while (i < batch.size()
                && batch.get(i) instanceof Statement same
                && same.sql.equals(sql)) {
              bind(statement, same.args);
              statement.addBatch();
              i++;
            }
            statement.executeBatch();
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
    for (int p = 0; p < args.length; p++) {
      Object arg = args[p];
      if (arg == null) {
        statement.setObject(p + 1, null);
      } else {
        statement.setObject(p + 1, arg);
      }
    }
  }

  private void endGame(Connection connection, EndGame end) throws SQLException {
    EndedGame game = end.game;
    EndReason reason = game.reason();
    boolean decided = reason == EndReason.FINISHED || reason == EndReason.FORFEIT;
    String status = decided ? "completed" : "abandoned";
    int updated;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE game_sessions SET status = ?, end_reason = ?, winner_team = ?,"
                + " scores = ?::jsonb, game_state = ?::jsonb, completed_at = ?"
                + " WHERE id = ? AND status IN ('waiting', 'active')")) {
      Map<String, Object> scores = new LinkedHashMap<>();
      scores.put("team1", game.scores().team1());
      scores.put("team2", game.scores().team2());
      bind(
          statement,
          new Object[] {
            status,
            reason.name().toLowerCase(),
            decided ? game.winnerTeam() : null,
            json.writeValueAsString(scores),
            end.finalState,
            ts(game.endedAt()),
            game.sessionId()
          });
      updated = statement.executeUpdate();
    }
    if (updated == 0 || !decided) {
      // Already recorded (a retried batch), or no result to count.
      return;
    }
    List<UUID> humans = new ArrayList<>();
    List<Integer> teams = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT player_id, team FROM game_participants"
                + " WHERE game_session_id = ? AND NOT is_bot")) {
      statement.setObject(1, game.sessionId());
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          humans.add(rows.getObject(1, UUID.class));
          teams.add(rows.getInt(2));
        }
      }
    }
    if (humans.isEmpty()) {
      return;
    }
    Map<UUID, Integer> ratings = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT id, rating FROM players WHERE id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", humans.toArray()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          ratings.put(rows.getObject(1, UUID.class), rows.getInt(2));
        }
      }
    }
    double[] teamRating = new double[3];
    int[] teamSize = new int[3];
    for (SeatRecord seat : game.seats()) {
      int rating = BOT_RATING;
      if (seat.player() != null && ratings.containsKey(seat.player().id())) {
        rating = ratings.get(seat.player().id());
      }
      teamRating[seat.team()] += rating;
      teamSize[seat.team()]++;
    }
    for (int team = 1; team <= 2; team++) {
      teamRating[team] = teamSize[team] == 0 ? BOT_RATING : teamRating[team] / teamSize[team];
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE players SET total_games = total_games + 1, wins = wins + ?,"
                + " losses = losses + ?, rating = greatest(0, least(10000, rating + ?)),"
                + " updated_at = now() WHERE id = ?")) {
      for (int i = 0; i < humans.size(); i++) {
        int team = teams.get(i);
        boolean won = team == game.winnerTeam();
        double expected = 1 / (1 + Math.pow(10, (teamRating[3 - team] - teamRating[team]) / 400.0));
        int change = (int) Math.round(ELO_K * ((won ? 1 : 0) - expected));
        bind(statement, new Object[] {won ? 1 : 0, won ? 0 : 1, change, humans.get(i)});
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** Waits until everything queued so far is in PostgreSQL, or the timeout passes. */
  public boolean flush(Duration timeout) {
    long target = enqueued.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    flush(Duration.ofSeconds(10));
    running = false;
    writer.join(5000);
    if (!queue.isEmpty()) {
      log.error("journal stopped with {} writes not in PostgreSQL", queue.size());
    }
  }
}
