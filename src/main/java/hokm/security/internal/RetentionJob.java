package hokm.security.internal;

import hokm.security.RetentionProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes closed connection rows and old audit entries, and blanks the IP addresses of audit
 * entries, past the ages in {@link RetentionProperties}. Runs every interval on its own thread, in
 * batches; a failed run is logged and the next one tries again.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionJob implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private static final String DELETE_CONNECTIONS =
      "DELETE FROM websocket_connections WHERE id IN (SELECT id FROM websocket_connections"
          + " WHERE NOT is_active AND disconnected_at < ? LIMIT ?)";
  private static final String BLANK_AUDIT_IPS =
      "UPDATE audit_log SET ip = NULL, subject = NULL WHERE id IN (SELECT id FROM audit_log"
          + " WHERE occurred_at < ? AND (ip IS NOT NULL OR subject IS NOT NULL) LIMIT ?)";
  private static final String DELETE_AUDIT =
      "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE occurred_at < ? LIMIT ?)";

  private final JdbcTemplate jdbc;
  private final RetentionProperties properties;
  private final Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;

  RetentionJob(JdbcTemplate jdbc, RetentionProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** What one run removed. */
  public record Result(int connectionsDeleted, int auditBlanked, int auditDeleted) {}

  /** One run as of {@code now}. */
  public Result purge(Instant now) {
    int connections = inBatches(DELETE_CONNECTIONS, now.minus(properties.connectionsMaxAge()));
    int blanked = inBatches(BLANK_AUDIT_IPS, now.minus(properties.auditIpMaxAge()));
    int deleted = inBatches(DELETE_AUDIT, now.minus(properties.auditMaxAge()));
    return new Result(connections, blanked, deleted);
  }

  private int inBatches(String sql, Instant before) {
    int total = 0;
    int changed;
    do {
      changed = jdbc.update(sql, Timestamp.from(before), properties.batchSize());
      total += changed;
    } while (changed >= properties.batchSize());
    return total;
  }

  private void runSafely() {
    try {
      Result result = purge(clock.instant());
      if (result.connectionsDeleted() + result.auditBlanked() + result.auditDeleted() > 0) {
        log.info("retention: {}", result);
      }
    } catch (RuntimeException e) {
      log.warn("retention run failed; the next run tries again: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "retention");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
