package hokm.journal.internal;

import hokm.table.GameRecorder.RecordedMove;
import hokm.table.Lobby;
import hokm.table.TableSnapshot;
import hokm.table.TableStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every live table in Redis so a restarted server can resume it: a description (seats, deal
 * secret or seed, status) and the session's record (every deal and move), which is also the copy of
 * the journal that survives the process. Guarded by the {@code redis} circuit breaker: while Redis
 * is unavailable tables carry on in memory, and their Redis copies are rewritten once it is back.
 *
 * <p>Keys (all with a 24-hour expiry renewed on every write, and deleted when the table closes and
 * the journal has written it):
 *
 * <ul>
 *   <li>{@code hokm:table:{tableId}} hash, field {@code meta}: the table's description (JSON)
 *   <li>{@code hokm:table:{tableId}:moves} list: the session's records in sequence order (JSON)
 *   <li>{@code hokm:instance:{instanceId}:tables} set: the tables this server instance holds
 *   <li>{@code hokm:player:{playerId}} hash: {@code table} and {@code seat} the player holds
 * </ul>
 */
@Component
public class RedisTableStore implements TableStore {
  private static final Logger log = LoggerFactory.getLogger(RedisTableStore.class);
  static final Duration TTL = Duration.ofHours(24);

  private final StringRedisTemplate redis;
  private final CircuitBreaker breaker;
  private final ObjectProvider<Lobby> lobby;
  private final JournalWriter journal;
  private final PostgresTableRecovery recovery;
  private final String instanceKey;
  private final JsonMapper json = JsonMapper.builder().build();

  /** How long a write waits for Redis before it counts as failed. */
  @org.springframework.beans.factory.annotation.Value("${spring.data.redis.timeout:500ms}")
  private Duration commandTimeout = Duration.ofMillis(500);

  /** Tables whose Redis copy is incomplete and must be rewritten whole. */
  private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();

  public RedisTableStore(
      StringRedisTemplate redis,
      CircuitBreakerRegistry breakers,
      ObjectProvider<Lobby> lobby,
      JournalWriter journal,
      PostgresTableRecovery recovery,
      InstanceId instance) {
    this.redis = redis;
    this.breaker = breakers.circuitBreaker("redis");
    this.lobby = lobby;
    this.journal = journal;
    this.recovery = recovery;
    this.instanceKey = "hokm:instance:" + instance.value() + ":tables";
    journal.onResync(this::resync);
  }

  /** After the journal dropped writes: writes every table of this instance again from Redis. */
  void resync() {
    try {
      Set<String> members = redis.opsForSet().members(instanceKey);
      for (String member : members == null ? Set.<String>of() : members) {
        TableSnapshot snapshot = load(UUID.fromString(member));
        if (snapshot != null) {
          journal.rewrite(snapshot);
        }
      }
    } catch (RuntimeException e) {
      log.error("could not rewrite the journal from Redis: {}", e.toString());
    }
  }

  /** The table's copy in Redis, or null. */
  public TableSnapshot load(UUID tableId) {
    Object meta = redis.opsForHash().get(tableKey(tableId), "meta");
    if (meta == null) {
      return null;
    }
    List<String> records = redis.opsForList().range(movesKey(tableId), 0, -1);
    TableSnapshot description = json.readValue((String) meta, TableSnapshot.class);
    List<RecordedMove> moves = new ArrayList<>();
    for (String record : records == null ? List.<String>of() : records) {
      RecordedMove move = json.readValue(record, RecordedMove.class);
      // A list a previous session left (written before lists were replaced at sequence 1).
      if (move.sessionId().equals(description.sessionId())) {
        moves.add(move);
      }
    }
    return description.withMoves(moves);
  }

  static String tableKey(UUID tableId) {
    return "hokm:table:" + tableId;
  }

  static String movesKey(UUID tableId) {
    return "hokm:table:" + tableId + ":moves";
  }

  static String playerKey(UUID playerId) {
    return "hokm:player:" + playerId;
  }

  @Override
  public CompletableFuture<Void> save(TableSnapshot table) {
    if (dirty.contains(table.tableId())) {
      return wholeCopyFirst(table.tableId());
    }
    String meta = meta(table);
    return guarded(
        table.tableId(),
        connection -> {
          connection.hSet(tableKey(table.tableId()), "meta", meta);
          connection.expire(tableKey(table.tableId()), TTL.toSeconds());
          connection.sAdd(instanceKey, table.tableId().toString());
        });
  }

  /**
   * Appends a session's records and sets the description, in one command. The first record of a
   * session (sequence 1) replaces the previous session's list. A record is appended only right
   * after its predecessor: when the list is not exactly one shorter than the first record's
   * sequence (a write in between failed, or the list was replaced), nothing is written, the reply
   * is -1, and the table's copy is rewritten whole.
   */
  static final String APPEND_SCRIPT =
      """
      local first = tonumber(ARGV[1])
      if first == 1 then redis.call('DEL', KEYS[1]) end
      local length = redis.call('LLEN', KEYS[1])
      if length ~= first - 1 then return -1 end
      for i = 5, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
      redis.call('HSET', KEYS[2], 'meta', ARGV[2])
      redis.call('EXPIRE', KEYS[1], ARGV[3])
      redis.call('EXPIRE', KEYS[2], ARGV[3])
      redis.call('SADD', KEYS[3], ARGV[4])
      return length + #ARGV - 4
      """;

  @Override
  public CompletableFuture<Void> append(TableSnapshot table, List<RecordedMove> moves) {
    UUID tableId = table.tableId();
    if (moves.isEmpty()) {
      return save(table);
    }
    if (dirty.contains(tableId)) {
      // Its copy has a gap: only a whole rewrite can fix it, and the frames wait for it.
      return wholeCopyFirst(tableId);
    }
    String[] args = new String[4 + moves.size()];
    args[0] = Integer.toString(moves.get(0).sequence());
    args[1] = meta(table);
    args[2] = Long.toString(TTL.toSeconds());
    args[3] = tableId.toString();
    for (int i = 0; i < moves.size(); i++) {
      args[4 + i] = json.writeValueAsString(moves.get(i));
    }
    String[] keys = {movesKey(tableId), tableKey(tableId), instanceKey};
    AtomicBoolean gap = new AtomicBoolean();
    return guarded(
            tableId,
            connection -> connection.eval(APPEND_SCRIPT, keys, args),
            replies -> {
              if (replies.get(0) instanceof Long length && length < 0) {
                gap.set(true);
                if (dirty.add(tableId)) {
                  log.info("table {}: its Redis copy has a gap, rewriting it whole", tableId);
                }
              }
            })
        .thenCompose(written -> gap.get() ? wholeCopyFirst(tableId) : DONE);
  }

  /**
   * Replaces a table's whole copy in one script: its records in order, its description, and its
   * place in this instance's set.
   */
  static final String REPLACE_SCRIPT =
      """
      redis.call('DEL', KEYS[1])
      for i = 4, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
      redis.call('HSET', KEYS[2], 'meta', ARGV[1])
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      redis.call('EXPIRE', KEYS[2], ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[3])
      return #ARGV - 3
      """;

  /**
   * A table whose copy missed writes while Redis answers again: the copy is rewritten whole from
   * the table (on its mailbox, so the snapshot holds every move made so far) and the returned
   * future, which the table's frames wait for, completes once Redis has it. So a move the players
   * were shown is in Redis even right after a gap. While Redis is away (breaker open) nothing
   * waits: the game goes on and the copy is rewritten when Redis returns ({@link #rewriteDirty}).
   */
  private CompletableFuture<Void> wholeCopyFirst(UUID tableId) {
    Lobby tables = lobby.getIfAvailable();
    if (tables == null || breaker.getState() == CircuitBreaker.State.OPEN) {
      return DONE;
    }
    CompletableFuture<Void> copied = new CompletableFuture<>();
    boolean queued =
        tables.snapshotTable(
            tableId,
            snapshot -> replace(snapshot).whenComplete((done, e) -> copied.complete(null)));
    if (!queued) {
      return DONE;
    }
    // Never hold a table's frames longer than two Redis round trips could take.
    return copied.completeOnTimeout(null, 2 * commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Sends the whole copy of a table (on its mailbox, after every write it queued before). */
  CompletableFuture<Void> replace(TableSnapshot table) {
    String[] args = new String[3 + table.moves().size()];
    args[0] = meta(table);
    args[1] = Long.toString(TTL.toSeconds());
    args[2] = table.tableId().toString();
    for (int i = 0; i < table.moves().size(); i++) {
      args[3 + i] = json.writeValueAsString(table.moves().get(i));
    }
    String[] keys = {movesKey(table.tableId()), tableKey(table.tableId()), instanceKey};
    return guarded(
        table.tableId(),
        connection -> connection.eval(REPLACE_SCRIPT, keys, args),
        replies -> {
          dirty.remove(table.tableId());
          for (int seat = 0; seat < table.seats().size(); seat++) {
            var player = table.seats().get(seat).player();
            if (player != null) {
              playerSeat(player.id(), table.tableId(), seat);
            }
          }
        });
  }

  @Override
  public void playerSeat(UUID playerId, UUID tableId, int seat) {
    guarded(
        null,
        connection -> {
          if (tableId == null) {
            connection.del(playerKey(playerId));
          } else {
            connection.hMSet(
                playerKey(playerId), Map.of("table", tableId.toString(), "seat", "" + seat));
            connection.expire(playerKey(playerId), TTL.toSeconds());
          }
        });
  }

  @Override
  public void closed(UUID tableId) {
    dirty.remove(tableId);
    // Dropped only once every write queued before this one is in PostgreSQL.
    journal.afterWritten(() -> forget(tableId));
  }

  void forget(UUID tableId) {
    guarded(
        null,
        connection -> {
          connection.del(tableKey(tableId), movesKey(tableId));
          connection.sRem(instanceKey, tableId.toString());
        });
  }

  private String meta(TableSnapshot table) {
    return json.writeValueAsString(table.withMoves(List.of()));
  }

  private CompletableFuture<Void> guarded(UUID tableId, Consumer<RedisWrites> write) {
    return guarded(tableId, write, replies -> {});
  }

  /**
   * Sends Redis writes through the breaker without waiting for them. The future completes (never
   * exceptionally) when Redis has answered, or failed, or not answered within the command timeout;
   * on failure the table is marked for a rewrite.
   */
  private CompletableFuture<Void> guarded(
      UUID tableId, Consumer<RedisWrites> write, Consumer<List<Object>> onReplies) {
    if (!breaker.tryAcquirePermission()) {
      if (tableId != null) {
        dirty.add(tableId);
      }
      return DONE;
    }
    long started = System.nanoTime();
    CompletableFuture<List<Object>> sent;
    try {
      sent = RedisWrites.send(redis, write);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.orTimeout(commandTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (replies, failure) -> {
              long took = System.nanoTime() - started;
              if (failure == null) {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                onReplies.accept(replies);
              } else {
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                if (tableId != null) {
                  dirty.add(tableId);
                }
                log.warn("redis write failed: {}", failure.toString());
              }
              return null;
            });
  }

  /** While Redis is back, rewrites the tables whose copies missed writes. */
  @Scheduled(fixedDelayString = "${hokm.redis.rewrite-interval:1000}")
  void rewriteDirty() {
    if (dirty.isEmpty() || breaker.getState() == CircuitBreaker.State.OPEN) {
      return;
    }
    Lobby tables = lobby.getIfAvailable();
    if (tables == null) {
      return;
    }
    for (UUID tableId : new ArrayList<>(dirty)) {
      tables.snapshotTable(tableId, this::rewrite);
    }
  }

  /** Replaces a table's Redis copy with a whole snapshot (called on the table's mailbox). */
  void rewrite(TableSnapshot table) {
    replace(table);
  }

  /** Tables whose Redis copy is waiting for a rewrite. */
  public int dirtyTables() {
    return dirty.size();
  }

  @Override
  public List<TableSnapshot> restore() {
    List<TableSnapshot> restored = new ArrayList<>();
    Set<UUID> sessions = new HashSet<>();
    try {
      Set<String> members = redis.opsForSet().members(instanceKey);
      for (String member : members == null ? Set.<String>of() : members) {
        TableSnapshot snapshot = load(UUID.fromString(member));
        if (snapshot == null) {
          redis.opsForSet().remove(instanceKey, member);
          continue;
        }
        // A copy that missed writes (Redis was away and the rewrite had not come yet) can be behind
        // PostgreSQL: then PostgreSQL's record is the longer one, and the table resumes from it.
        TableSnapshot fuller = recovery.ifAhead(snapshot);
        if (fuller != null) {
          snapshot = fuller;
        } else {
          // The journal may not have written the end of what Redis holds: write it (idempotently).
          journal.rewrite(snapshot);
        }
        restored.add(snapshot);
        sessions.add(snapshot.sessionId());
      }
    } catch (RuntimeException e) {
      log.warn("could not read tables from Redis, restoring from PostgreSQL", e);
    }
    for (TableSnapshot snapshot : recovery.activeTables(sessions)) {
      restored.add(snapshot);
    }
    return restored;
  }
}
