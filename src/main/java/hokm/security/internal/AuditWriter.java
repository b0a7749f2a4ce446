package hokm.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hokm.security.AuditEvent;
import hokm.security.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Inserts audit events: in the caller's transaction, or from a bounded queue on one thread. */
@Component
class AuditWriter implements AuditLog, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
  private static final String INSERT =
      "INSERT INTO audit_log (occurred_at, event, outcome, player_id, subject, ip, detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final Duration LIMIT_RECORD_INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_KEYS = 10_000;
  private static final int QUEUE_CAPACITY = 10_000;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final JsonMapper json;
  private final ThreadPoolTaskExecutor background;
  private final Counter dropped;
  private final Counter failed;

  /** Limits recorded in the last minute, by limit and key: each is recorded once a minute. */
  private final Cache<String, Boolean> recentLimits =
      Caffeine.newBuilder().expireAfterWrite(LIMIT_RECORD_INTERVAL).maximumSize(MAX_KEYS).build();

  AuditWriter(JdbcTemplate jdbc, JsonMapper json, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = Clock.systemUTC();
    this.background = new ThreadPoolTaskExecutor();
    background.setCorePoolSize(1);
    background.setMaxPoolSize(1);
    background.setQueueCapacity(QUEUE_CAPACITY);
    background.setThreadNamePrefix("audit-writer-");
    background.setDaemon(true);
    // A full queue refuses the event (counted in hokm.audit.dropped) rather than slow the caller.
    background.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
    background.setWaitForTasksToCompleteOnShutdown(true);
    background.setAwaitTerminationSeconds(2);
    background.initialize();
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
    if (recentLimits.asMap().putIfAbsent(limit + "|" + key, Boolean.TRUE) != null) {
      return;
    }
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
      if (background.getQueueSize() == 0 && background.getActiveCount() == 0) {
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
  }
}
