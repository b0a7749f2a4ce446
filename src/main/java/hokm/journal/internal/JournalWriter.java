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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records games and connections in PostgreSQL without ever making a table wait: callers only queue;
 * one writer thread drains the queue in order and writes many rows per statement and per commit.
 * Every write is idempotent (inserts skip rows that exist, updates set absolute values, results are
 * applied once), so a batch that failed is simply written again, in order, until it succeeds. When
 * the memory queue is full, writes go on, in order, in a list in Redis (see {@link #add}).
 */
@Component
public class JournalWriter implements GameRecorder, ConnectionRecorder {
  private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
  private static final int MAX_BATCH = 2000;

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
  private final Counter conflictsRefused;
  private final Counter refused;
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  /** Decides, for every write, between the memory queue and the spill list. */
  private final Object spillLock = new Object();

  /**
   * Writes go to the spill list in Redis (the memory buffer was full) until the writer catches up.
   */
  private volatile boolean spilling;

  /** When writes began to go to the spill list (its oldest write is at least this old). */
  private volatile Instant spillSince;

  private final AtomicLong spilledWaiting = new AtomicLong();
  private final Map<Long, Runnable> spilledCallbacks = new ConcurrentHashMap<>();
  private final AtomicLong callbackIds = new AtomicLong();
  private final ObjectProvider<StringRedisTemplate> spillRedis;
  private final String spillKey;

  /**
   * The latest public state of each game in progress whose {@link LiveStateMark} waits to be
   * written: the mark takes whatever state is here when the writer reaches it.
   */
  private final Map<UUID, LiveState> liveStates = new ConcurrentHashMap<>();

  private volatile boolean running = true;
  private volatile Instant oldestPending;

  public JournalWriter(
      DataSource dataSource,
      MeterRegistry registry,
      CircuitBreakerRegistry breakers,
      InstanceId instance,
      ObjectProvider<StringRedisTemplate> spillRedis,
      @Value("${hokm.journal.buffer-capacity:0}") int capacity) {
    this.dataSource = dataSource;
    this.spillRedis = spillRedis;
    this.spillKey = "hokm:instance:" + instance.value() + ":journal-spill";
    this.breaker = breakers.circuitBreaker("postgres");
    this.instance = instance.value();
    this.capacity = capacity > 0 ? capacity : defaultCapacity(Runtime.getRuntime().maxMemory());
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
    this.conflictsRefused =
        Counter.builder("hokm.journal.conflicts")
            .description(
                "Moves refused because a different move was stored at their sequence number"
                    + " (kept in game_move_conflicts)")
            .register(registry);
    this.refused =
        Counter.builder("hokm.journal.refused")
            .description("Journal writes PostgreSQL refused for their data, logged and set aside")
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
    Gauge.builder("hokm.journal.spilled", spilledWaiting, AtomicLong::get)
        .description("Journal writes waiting in Redis because the memory buffer was full")
        .register(registry);
    resumeSpill();
    this.writer = new Thread(this::run, "journal-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** About what one queued write takes on the heap (a move: its row, its JSON, the queue node). */
  static final int BYTES_PER_WRITE = 300;

  /**
   * The buffer's size when none is set: a quarter of the heap, at most 2,000,000 writes. With a 512
   * MiB heap that is about 447,000 writes, over a minute of PostgreSQL being away at 6,000 moves a
   * second; with 2 GiB, 1.8 million.
   */
  static int defaultCapacity(long maxHeapBytes) {
    return (int) Math.max(10_000, Math.min(2_000_000, maxHeapBytes / 4 / BYTES_PER_WRITE));
  }

  /** How many writes the buffer holds before it drops (and later rewrites from Redis). */
  public int capacity() {
    return capacity;
  }

  /** Whether writes currently go to the spill list in Redis. */
  boolean spilling() {
    return spilling;
  }

  /** Writes waiting to be made durable. */
  public int pending() {
    // Queued in memory or in Redis, or in the batch being written.
    return (int) Math.min(Integer.MAX_VALUE, enqueued.get() - written.get());
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
    Instant spilled = spillSince;
    if (spilled != null && (since == null || spilled.isBefore(since))) {
      since = spilled;
    }
    return since == null ? 0 : Duration.between(since, Instant.now()).toNanos() / 1e9;
  }

  // ---------------------------------------------------------------------------------------------
  // What tables and sockets report

  @Override
  public void sessionOpened(OpenedSession session) {
    enqueue(
        "INSERT INTO game_sessions (id, room_id, session_key, status, seed, deal_secret,"
            + " target_points, kot_scoring, is_private, join_code, created_at, server_instance,"
            + " turn_seconds, bot_level) VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING",
        session.sessionId(),
        session.roomId(),
        session.tableId() + "/" + session.sessionId(),
        // A game has a secret or (started before secrets) a seed, never both.
        session.dealSecret() == null ? session.seed() : null,
        session.dealSecret(),
        session.options().targetPoints(),
        session.options().kot(),
        session.options().privateTable(),
        session.joinCode(),
        ts(session.createdAt()),
        instance,
        session.options().turnSeconds(),
        session.options().botLevel().wireName());
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
    add(
        new MoveRow(
            move.sessionId(),
            move.player() == null ? null : move.player().id(),
            move.seat() < 0 ? null : move.seat(),
            move.bot(),
            move.type(),
            json.writeValueAsString(move.data()),
            move.sequence(),
            move.hand(),
            move.trick() > 0 ? move.trick() : null,
            ts(move.at())));
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

  /**
   * Queues the state of a game in progress. Only the latest state of a game is worth writing: one
   * mark per game waits in the queue, and a state that comes while it waits replaces the one it
   * will write, so however busy the journal, a game costs one small update per batch. The state is
   * turned into JSON by the writer, not by the table.
   */
  @Override
  public void liveState(LiveState state) {
    UUID session = state.sessionId();
    if (liveStates.put(session, state) == null && !add(new LiveStateMark(session))) {
      // Dropped (nothing could hold it): the next state queues a mark of its own.
      liveStates.remove(session, state);
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
    final Instant queuedAt;

    Write() {
      this(Instant.now());
    }

    Write(Instant queuedAt) {
      this.queuedAt = queuedAt;
    }
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

    Statement(String sql, Object[] args, Instant queuedAt) {
      super(queuedAt);
      this.sql = sql;
      this.args = args;
    }
  }

  /**
   * In the queue for a game's public state: the write of whatever state of that game is latest when
   * the writer reaches it (see {@link #liveState}).
   */
  private static final class LiveStateMark extends Write {
    final UUID session;

    LiveStateMark(UUID session) {
      this.session = session;
    }
  }

  /** Never over a finished game's final state: only while the game is active. */
  private static final String LIVE_STATE =
      "UPDATE game_sessions SET game_state = ?::jsonb, scores = ?::jsonb"
          + " WHERE id = ? AND status = 'active'";

  /**
   * The write of a mark: the game's latest state, taken now (later states queue a mark of their
   * own, behind this one), or null when there is none.
   */
  private Statement liveStateWrite(LiveStateMark mark) {
    LiveState state = liveStates.remove(mark.session);
    if (state == null) {
      return null;
    }
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("team1", state.scores().team1());
    scores.put("team2", state.scores().team2());
    return new Statement(
        LIVE_STATE,
        new Object[] {
          json.writeValueAsString(state.state()), json.writeValueAsString(scores), mark.session
        },
        mark.queuedAt);
  }

  /** Turns the batch's marks into the writes of the latest states, once, before it is written. */
  private void takeLiveStates(List<Write> batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i) instanceof LiveStateMark mark) {
        Statement write = liveStateWrite(mark);
        batch.set(i, write != null ? write : new Callback(() -> {}));
      }
    }
  }

  /** One row of game_moves. The rows of a batch are written by one statement. */
  private static final class MoveRow extends Write {
    final UUID session;
    final UUID player;
    final Integer seat;
    final boolean bot;
    final String type;
    final String data;
    final int sequence;
    final int hand;
    final Integer trick;
    final Timestamp at;

    MoveRow(
        UUID session,
        UUID player,
        Integer seat,
        boolean bot,
        String type,
        String data,
        int sequence,
        int hand,
        Integer trick,
        Timestamp at) {
      this.session = session;
      this.player = player;
      this.seat = seat;
      this.bot = bot;
      this.type = type;
      this.data = data;
      this.sequence = sequence;
      this.hand = hand;
      this.trick = trick;
      this.at = at;
    }
  }

  /**
   * The end of a game: its result, and each human's record and rating ({@link GameResults}),
   * applied exactly once.
   */
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
            table.dealSecret(),
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
    while (running || !queue.isEmpty()) {
      try {
        Write first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Write> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        int mark = -1;
        for (int i = 0; i < batch.size() && mark < 0; i++) {
          if (batch.get(i) instanceof SpillMark) {
            mark = i;
          }
        }
        if (mark < 0) {
          commit(batch);
        } else {
          // Everything before the mark is older than what went to Redis, everything after newer.
          commit(new ArrayList<>(batch.subList(0, mark)));
          drainSpill();
          commit(new ArrayList<>(batch.subList(mark + 1, batch.size())));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes a batch in one transaction, retrying (in order) until it is in PostgreSQL. */
  private void commit(List<Write> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    // Here rather than when the batch was drained: a state queued while the spill list was being
    // written is then written after it, never before.
    takeLiveStates(batch);
    oldestPending = batch.get(0).queuedAt;
    long backoffMillis = 100;
    while (true) {
      if (!breaker.tryAcquirePermission()) {
        // The breaker is open: PostgreSQL is known to be down. Wait for it to half-open.
        Thread.sleep(200);
        continue;
      }
      long started = System.nanoTime();
      try {
        try {
          write(batch);
        } catch (SQLException e) {
          if (!refusedByConstraint(e)) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw e;
          }
          // PostgreSQL is up but refuses a write of this batch: find it, set it aside, write the
          // rest.
          writeOneByOne(batch);
        } catch (RuntimeException e) {
          breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
          throw e;
        }
      } catch (SQLException | RuntimeException e) {
        failures.increment();
        log.warn(
            "journal batch of {} writes failed, retrying in {} ms: {}",
            batch.size(),
            backoffMillis,
            e.toString());
        Thread.sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 5000);
        continue;
      }
      long took = System.nanoTime() - started;
      breaker.onSuccess(took, TimeUnit.NANOSECONDS);
      writeLatency.record(took, TimeUnit.NANOSECONDS);
      rowsWritten.increment(batch.size());
      for (Write write : batch) {
        if (write instanceof Callback callback) {
          runQuietly(callback.action);
        }
      }
      // After the callbacks: once flush() returns, what was waiting for these writes has run.
      written.addAndGet(batch.size());
      oldestPending = null;
      if (overflowed && queue.isEmpty() && !spilling) {
        overflowed = false;
        runQuietly(resync);
      }
      return;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Spilling to Redis

  /** In the memory queue: what comes after it was written to the spill list in Redis first. */
  private static final class SpillMark extends Write {}

  /**
   * Queues a write: in memory while the buffer has room; once it is full, in Redis (the instance's
   * spill list), in order, until the writer has caught up with the list. Every add decides under
   * one lock, so the memory queue holds only writes older than the spill list, or only newer.
   */
  private boolean add(Write write) {
    synchronized (spillLock) {
      if (!spilling && queue.size() < capacity) {
        enqueued.incrementAndGet();
        queue.add(write);
        return true;
      }
      if (spill(write)) {
        enqueued.incrementAndGet();
        return true;
      }
    }
    // Neither memory nor Redis can hold it: once PostgreSQL is back the tables are written again
    // from their Redis copies.
    overflowed = true;
    dropped.increment();
    return false;
  }

  /** Appends a write to the spill list. Caller holds the spill lock. */
  private boolean spill(Write write) {
    StringRedisTemplate redis = spillRedis.getIfAvailable();
    if (redis == null) {
      return false;
    }
    String encoded;
    try {
      encoded = encode(write);
    } catch (RuntimeException e) {
      log.error("journal write could not be spilled to Redis: {}", e.toString());
      return false;
    }
    if (!spilling) {
      spilling = true;
      spillSince = Instant.now();
      queue.add(new SpillMark());
      log.warn(
          "journal buffer full ({} writes): further writes go to Redis ({}) until PostgreSQL"
              + " catches up",
          capacity,
          spillKey);
    }
    spilledWaiting.incrementAndGet();
    CompletableFuture<List<Object>> pushed;
    try {
      pushed = RedisWrites.send(redis, writes -> writes.rPush(spillKey, encoded));
    } catch (RuntimeException e) {
      pushed = CompletableFuture.failedFuture(e);
    }
    pushed.whenComplete(
        (replies, failure) -> {
          if (failure != null) {
            // Lost from the journal's stream: count it as dropped and resync from Redis later.
            spilledWaiting.decrementAndGet();
            written.incrementAndGet();
            overflowed = true;
            dropped.increment();
            log.warn("journal write could not be spilled to Redis: {}", failure.toString());
          }
        });
    return true;
  }

  /**
   * Writes the spill list to PostgreSQL, oldest first, a chunk at a time; each chunk is removed
   * from the list once committed (a chunk written twice after a crash is harmless: writes are
   * idempotent). Ends when the list is empty with the lock held, after which writes go to memory
   * again.
   */
  private void drainSpill() throws InterruptedException {
    long backoffMillis = 100;
    while (true) {
      StringRedisTemplate redis = spillRedis.getIfAvailable();
      try {
        List<String> chunk =
            redis == null ? List.of() : redis.opsForList().range(spillKey, 0, MAX_BATCH - 1);
        if (chunk == null || chunk.isEmpty()) {
          synchronized (spillLock) {
            Long length = redis == null ? Long.valueOf(0) : redis.opsForList().size(spillKey);
            if (length == null || length == 0) {
              spilling = false;
              spillSince = null;
              spilledWaiting.set(0);
              log.info("journal spill list drained; writes are buffered in memory again");
              return;
            }
          }
          continue;
        }
        List<Write> batch = new ArrayList<>(chunk.size());
        for (String encoded : chunk) {
          Write write;
          try {
            write = decode(encoded);
          } catch (RuntimeException e) {
            refused.increment();
            log.error(
                "journal: unreadable spilled write set aside: {} ({})", encoded, e.toString());
            write = null;
          }
          if (write != null) {
            batch.add(write);
          }
        }
        commit(batch);
        written.addAndGet(chunk.size() - batch.size());
        redis.opsForList().trim(spillKey, chunk.size(), -1);
        spilledWaiting.addAndGet(-chunk.size());
        backoffMillis = 100;
      } catch (RuntimeException e) {
        log.warn(
            "journal spill list unreadable, retrying in {} ms: {}", backoffMillis, e.toString());
        Thread.sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 5000);
      }
    }
  }

  /** After a restart: a spill list the previous process left is written before anything new. */
  private void resumeSpill() {
    try {
      StringRedisTemplate redis = spillRedis.getIfAvailable();
      Long length = redis == null ? null : redis.opsForList().size(spillKey);
      if (length != null && length > 0) {
        synchronized (spillLock) {
          spilling = true;
          spillSince = Instant.now();
          spilledWaiting.set(length);
          enqueued.addAndGet(length);
          queue.add(new SpillMark());
        }
        log.warn("journal: {} writes spilled by an earlier run are written first", length);
      }
    } catch (RuntimeException e) {
      log.warn("journal: could not look for an earlier spill list: {}", e.toString());
    }
  }

  private String encode(Write write) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (write instanceof LiveStateMark mark) {
      // In the spill list the state itself goes in order; a later state queues a mark of its own.
      Statement state = liveStateWrite(mark);
      if (state == null) {
        out.put("t", "c");
        out.put("id", -1);
        return json.writeValueAsString(out);
      }
      write = state;
    }
    if (write instanceof Statement statement) {
      out.put("t", "s");
      out.put("sql", statement.sql);
      List<Object> args = new ArrayList<>();
      for (Object arg : statement.args) {
        args.add(encodeArg(arg));
      }
      out.put("args", args);
    } else if (write instanceof MoveRow move) {
      out.put("t", "m");
      out.put("session", move.session.toString());
      out.put("player", move.player == null ? null : move.player.toString());
      out.put("seat", move.seat);
      out.put("bot", move.bot);
      out.put("type", move.type);
      out.put("data", move.data);
      out.put("seq", move.sequence);
      out.put("hand", move.hand);
      out.put("trick", move.trick);
      out.put("at", move.at.toInstant().toString());
    } else if (write instanceof EndGame end) {
      out.put("t", "e");
      EndedGame game = end.game;
      out.put(
          "game",
          json.writeValueAsString(
              new EndedGame(
                  game.sessionId(),
                  game.started(),
                  game.winnerTeam(),
                  game.scores(),
                  game.reason(),
                  Map.of(),
                  game.seats(),
                  game.endedAt())));
      out.put("state", end.finalState);
    } else if (write instanceof Callback callback) {
      long id = callbackIds.incrementAndGet();
      spilledCallbacks.put(id, callback.action);
      out.put("t", "c");
      out.put("id", id);
    } else {
      throw new IllegalArgumentException("cannot spill " + write.getClass().getSimpleName());
    }
    return json.writeValueAsString(out);
  }

  private static Object encodeArg(Object arg) {
    if (arg == null) {
      return null;
    }
    String kind;
    if (arg instanceof UUID) {
      kind = "u";
    } else if (arg instanceof Timestamp) {
      kind = "t";
    } else if (arg instanceof Integer) {
      kind = "i";
    } else if (arg instanceof Long) {
      kind = "l";
    } else if (arg instanceof Short) {
      kind = "h";
    } else if (arg instanceof Boolean) {
      kind = "b";
    } else if (arg instanceof String) {
      kind = "s";
    } else if (arg instanceof byte[] bytes) {
      return List.of("y", Base64.getEncoder().encodeToString(bytes));
    } else {
      throw new IllegalArgumentException("cannot spill a " + arg.getClass());
    }
    Object value = arg instanceof Timestamp t ? t.toInstant().toString() : arg.toString();
    return List.of(kind, value);
  }

  private static Object decodeArg(Object encoded) {
    if (!(encoded instanceof List<?> pair)) {
      return null;
    }
    String value = String.valueOf(pair.get(1));
    return switch (String.valueOf(pair.get(0))) {
      case "u" -> UUID.fromString(value);
      case "t" -> Timestamp.from(Instant.parse(value));
      case "i" -> Integer.valueOf(value);
      case "l" -> Long.valueOf(value);
      case "h" -> Short.valueOf(value);
      case "b" -> Boolean.valueOf(value);
      case "y" -> Base64.getDecoder().decode(value);
      default -> value;
    };
  }

  /** A write read back from the spill list, or null for a callback of an earlier process. */
  private Write decode(String encoded) {
    Map<String, Object> in = json.readValue(encoded, MAP);
    switch (String.valueOf(in.get("t"))) {
      case "s" -> {
        List<?> args = (List<?>) in.get("args");
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = decodeArg(args.get(i));
        }
        return new Statement((String) in.get("sql"), values);
      }
      case "m" -> {
        return new MoveRow(
            UUID.fromString((String) in.get("session")),
            in.get("player") == null ? null : UUID.fromString((String) in.get("player")),
            in.get("seat") == null ? null : ((Number) in.get("seat")).intValue(),
            (Boolean) in.get("bot"),
            (String) in.get("type"),
            (String) in.get("data"),
            ((Number) in.get("seq")).intValue(),
            ((Number) in.get("hand")).intValue(),
            in.get("trick") == null ? null : ((Number) in.get("trick")).intValue(),
            Timestamp.from(Instant.parse((String) in.get("at"))));
      }
      case "e" -> {
        EndedGame game = json.readValue((String) in.get("game"), EndedGame.class);
        return new EndGame(game, (String) in.get("state"));
      }
      case "c" -> {
        Runnable action = spilledCallbacks.remove(((Number) in.get("id")).longValue());
        return action == null ? null : new Callback(action);
      }
      default -> throw new IllegalArgumentException("unknown spilled write " + in.get("t"));
    }
  }

  private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new tools.jackson.core.type.TypeReference<>() {};

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("journal callback failed: {}", e.toString());
    }
  }

  /**
   * Whether PostgreSQL refused the data itself (a constraint or a value, SQLSTATE classes 22 and
   * 23): writing it again would fail again, unlike a lost connection.
   */
  static boolean refusedByConstraint(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      String state = cause.getSQLState();
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes a batch one write per transaction, so that a write PostgreSQL refuses for its data does
   * not hold back every write behind it. The refused write is logged with its content and counted
   * ({@code hokm_journal_refused_total}, which alerts); any other failure stops here, and the batch
   * is retried (the writes already made are idempotent).
   */
  private void writeOneByOne(List<Write> batch) throws SQLException {
    for (Write write : batch) {
      if (write instanceof Callback) {
        continue;
      }
      try {
        write(List.of(write));
      } catch (SQLException e) {
        if (!refusedByConstraint(e)) {
          throw e;
        }
        refused.increment();
        log.error("journal write refused by PostgreSQL and set aside: {} ({})", describe(write), e);
      }
    }
  }

  private static String describe(Write write) {
    if (write instanceof Statement statement) {
      return statement.sql + " " + java.util.Arrays.toString(statement.args);
    }
    if (write instanceof MoveRow move) {
      return "move "
          + move.sequence
          + " of session "
          + move.session
          + ": "
          + move.type
          + " "
          + move.data;
    }
    if (write instanceof EndGame end) {
      return "end of session " + end.game.sessionId();
    }
    return write.toString();
  }

  private void write(List<Write> batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<MoveRow> moves = new ArrayList<>();
        int i = 0;
        while (i < batch.size()) {
          Write write = batch.get(i);
          if (write instanceof MoveRow move) {
            moves.add(move);
            i++;
            continue;
          }
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
            while (i < batch.size()) {
              if (batch.get(i) instanceof MoveRow move) {
                moves.add(move);
              } else if (batch.get(i) instanceof Statement same && same.sql.equals(sql)) {
                bind(statement, same.args);
                statement.addBatch();
              } else {
                break;
              }
              i++;
            }
            statement.executeBatch();
          }
        }
        // Moves go last: every session they belong to is written by then, and nothing in the
        // journal depends on a move row.
        List<Conflict> conflicts = moves.isEmpty() ? List.of() : insertMoves(connection, moves);
        connection.commit();
        if (!conflicts.isEmpty()) {
          reportConflicts(conflicts);
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * Inserts the batch's moves in one statement (one parse, also through pgBouncer, where statements
   * are not prepared). A row whose (session, sequence) is already stored with the same move is a
   * retried write and is skipped; one stored with a different move is a conflict: it is not written
   * over, and is returned (the statement sees the table as it was before its own inserts, so only
   * rows stored earlier are compared).
   */
  private List<Conflict> insertMoves(Connection connection, List<MoveRow> moves)
      throws SQLException {
    int n = moves.size();
    // One array per column of ROWS, in its order.
    Object[][] columns = new Object[MOVE_COLUMN_TYPES.length][n];
    for (int i = 0; i < n; i++) {
      MoveRow move = moves.get(i);
      columns[0][i] = move.session;
      columns[1][i] = move.player;
      columns[2][i] = move.seat;
      columns[3][i] = move.bot;
      columns[4][i] = move.type;
      columns[5][i] = move.data;
      columns[6][i] = move.sequence;
      columns[7][i] = move.hand;
      columns[8][i] = move.trick;
      columns[9][i] = move.at;
    }
    int inserted;
    try (PreparedStatement statement = connection.prepareStatement(INSERT_MOVES)) {
      bindColumns(connection, statement, columns);
      inserted = statement.executeUpdate();
    }
    List<Conflict> conflicts = new ArrayList<>();
    if (inserted == n) {
      return conflicts;
    }
    // Some rows were there already: a retried write (the same move), or a conflict.
    try (PreparedStatement statement = connection.prepareStatement(DIFFERENT_MOVES)) {
      bindColumns(connection, statement, columns);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          conflicts.add(
              new Conflict(
                  rows.getObject(1, UUID.class),
                  rows.getInt(2),
                  rows.getString(3),
                  rows.getString(4)));
        }
      }
    }
    if (!conflicts.isEmpty()) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO game_move_conflicts (game_session_id, sequence_number, refused,"
                  + " stored, server_instance) VALUES (?, ?, ?::jsonb, ?::jsonb, ?)")) {
        for (Conflict conflict : conflicts) {
          bind(
              statement,
              new Object[] {
                conflict.session(),
                conflict.sequence(),
                conflict.refused(),
                conflict.stored(),
                instance
              });
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
    return conflicts;
  }

  /** The array types of the columns of {@link #ROWS}, in order. */
  private static final String[] MOVE_COLUMN_TYPES = {
    "uuid", "uuid", "int4", "bool", "text", "text", "int4", "int4", "int4", "timestamptz"
  };

  private static void bindColumns(
      Connection connection, PreparedStatement statement, Object[][] columns) throws SQLException {
    for (int c = 0; c < columns.length; c++) {
      statement.setArray(c + 1, connection.createArrayOf(MOVE_COLUMN_TYPES[c], columns[c]));
    }
  }

  private static final String ROWS =
      " unnest(?::uuid[], ?::uuid[], ?::int[], ?::boolean[], ?::text[], ?::text[], ?::int[],"
          + " ?::int[], ?::int[], ?::timestamptz[])"
          + " AS r (session, player, seat, bot, type, data, seq, hand, trick, at)";

  private static final String INSERT_MOVES =
      "INSERT INTO game_moves (game_session_id, player_id, seat, is_bot, move_type, move_data,"
          + " sequence_number, hand_number, trick_number, created_at)"
          + " SELECT session, player, seat, bot, type, data::jsonb, seq, hand, trick, at FROM"
          + ROWS
          + " ON CONFLICT (game_session_id, sequence_number) DO NOTHING";

  /** The rows of a batch that differ from the move stored at their sequence number. */
  private static final String DIFFERENT_MOVES =
      "SELECT r.session, r.seq,"
          + " jsonb_build_object('player_id', r.player, 'seat', r.seat, 'is_bot', r.bot,"
          + " 'move_type', r.type, 'move_data', r.data::jsonb, 'hand_number', r.hand,"
          + " 'trick_number', r.trick)::text,"
          + " jsonb_build_object('player_id', m.player_id, 'seat', m.seat, 'is_bot', m.is_bot,"
          + " 'move_type', m.move_type, 'move_data', m.move_data, 'hand_number', m.hand_number,"
          + " 'trick_number', m.trick_number)::text"
          + " FROM"
          + ROWS
          + " JOIN game_moves m ON m.game_session_id = r.session AND m.sequence_number = r.seq"
          + " WHERE m.move_type <> r.type OR m.move_data <> r.data::jsonb"
          + " OR m.seat IS DISTINCT FROM r.seat OR m.player_id IS DISTINCT FROM r.player"
          + " OR m.is_bot <> r.bot OR m.hand_number <> r.hand"
          + " OR m.trick_number IS DISTINCT FROM r.trick";

  /** A move the journal refused because a different move is stored at its sequence number. */
  private record Conflict(UUID session, int sequence, String refused, String stored) {}

  private void reportConflicts(List<Conflict> conflicts) {
    conflictsRefused.increment(conflicts.size());
    for (Conflict conflict : conflicts) {
      log.error(
          "journal conflict: session {} already has a different move at sequence {}; kept {},"
              + " refused {} (recorded in game_move_conflicts)",
          conflict.session(),
          conflict.sequence(),
          conflict.stored(),
          conflict.refused());
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
    GameResults.apply(connection, game.sessionId(), game.winnerTeam(), game.endedAt());
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** Waits until everything queued so far is in PostgreSQL, or the timeout passes. */
  public boolean flush(Duration timeout) {
    long target = enqueued.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written.get() < target) {
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
