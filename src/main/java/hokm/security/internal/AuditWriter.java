package hokm.security.internal;

import hokm.security.AuditEvent;
import hokm.security.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Inserts audit events: in the caller's transaction, or from a bounded queue on one thread. */
@Component
class AuditWriter implements AuditLog, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
  private static final String INSERT =
      "INSERT INTO audit_log (occurred_at, event, outcome, player_id, subject, ip, detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final long LIMIT_RECORD_INTERVAL_MILLIS = 60_000;
  private static final int MAX_KEYS = 10_000;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final ThreadPoolExecutor background;
  private final Counter dropped;
  private final Counter failed;
  private final Map<String, Long> lastLimitRecord = new ConcurrentHashMap<>();

  AuditWriter(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
    this.background =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
              Thread thread = new Thread(r, "audit-writer");
              thread.setDaemon(true);
              return thread;
            });
    this.dropped =
        Counter.builder("hokm.audit.dropped")
            .description("Audit events dropped because the writer's queue was full")
            .register(registry);
    this.failed =
        Counter.builder("hokm.audit.failed")
            .description("Queued audit events the database refused")
            .register(registry);
  }

  @Override
  public void recordInTransaction(AuditEvent event) {
    insert(event, clock.instant());
  }

  @Override
  public void record(AuditEvent event) {
    Instant at = clock.instant();
    try {
      background.execute(
          () -> {
            try {
              insert(event, at);
            } catch (RuntimeException e) {
              failed.increment();
              log.warn("could not write an audit event {}: {}", event.event(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      dropped.increment();
    }
  }

  @Override
  public void limitTriggered(String limit, String key, String ip, UUID playerId) {
    long now = clock.millis();
    String id = limit + "|" + key;
    Long last = lastLimitRecord.get(id);
    if (last != null && now - last < LIMIT_RECORD_INTERVAL_MILLIS) {
      return;
    }
    if (lastLimitRecord.size() >= MAX_KEYS) {
      lastLimitRecord.values().removeIf(t -> now - t >= LIMIT_RECORD_INTERVAL_MILLIS);
      if (lastLimitRecord.size() >= MAX_KEYS) {
        return;
      }
    }
    lastLimitRecord.put(id, now);
    record(
        new AuditEvent(
            "limit.triggered", AuditEvent.REFUSED, playerId, null, ip, Map.of("limit", limit)));
  }

  private void insert(AuditEvent event, Instant at) {
    jdbc.update(
        INSERT,
        Timestamp.from(at),
        event.event(),
        event.outcome(),
        event.playerId(),
        event.subject(),
        event.ip(),
        event.detail().isEmpty() ? null : json.writeValueAsString(event.detail()));
  }

  /** Waits (briefly) until queued events are written; for shutdown and tests. */
  public boolean drain(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (background.getQueue().isEmpty() && background.getActiveCount() == 0) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  @Override
  public void destroy() {
    background.shutdown();
    try {
      background.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
