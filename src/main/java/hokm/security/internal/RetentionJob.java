package hokm.security.internal;

import hokm.security.RetentionProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes closed connection rows, old audit entries and unused guests, and blanks the IP addresses
 * of audit entries, past the ages in {@link RetentionProperties}. Runs every interval on Spring's
 * scheduler, in batches, on one instance at a time (a ShedLock lock in PostgreSQL, table {@code
 * shedlock}); a failed run is logged and the next one tries again.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionJob {
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private static final String DELETE_CONNECTIONS =
      "DELETE FROM websocket_connections WHERE id IN (SELECT id FROM websocket_connections"
          + " WHERE NOT is_active AND disconnected_at < ? LIMIT ?)";
  // The application's role may not change the audit log itself: these functions (V22) run as the
  // owner and never touch rows younger than their floor (7 and 90 days).
  private static final String BLANK_AUDIT_IPS = "SELECT audit_log_blank_addresses(?, ?)";
  private static final String DELETE_AUDIT = "SELECT audit_log_delete_old(?, ?)";
  // Nor may it delete players: this one (V27) spares guests seen within a day and any guest who
  // ever had a seat at a table.
  private static final String DELETE_UNUSED_GUESTS = "SELECT players_delete_unused_guests(?, ?)";

  private final JdbcTemplate jdbc;
  private final RetentionProperties properties;
  private final Clock clock = Clock.systemUTC();

  RetentionJob(JdbcTemplate jdbc, RetentionProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** What one run removed. */
  public record Result(
      int connectionsDeleted, int auditBlanked, int auditDeleted, int unusedGuestsDeleted) {}

  /** One run as of {@code now}. */
  public Result purge(Instant now) {
    int connections =
        inBatches(
            DELETE_CONNECTIONS,
            now.minus(properties.connectionsMaxAge()),
            (sql, args) -> jdbc.update(sql, args));
    int blanked = inBatches(BLANK_AUDIT_IPS, now.minus(properties.auditIpMaxAge()), this::call);
    int deleted = inBatches(DELETE_AUDIT, now.minus(properties.auditMaxAge()), this::call);
    int guests =
        inBatches(DELETE_UNUSED_GUESTS, now.minus(properties.unusedGuestsMaxAge()), this::call);
    return new Result(connections, blanked, deleted, guests);
  }

  private int call(String sql, Object[] args) {
    Integer changed = jdbc.queryForObject(sql, Integer.class, args);
    return changed == null ? 0 : changed;
  }

  private int inBatches(
      String sql, Instant before, java.util.function.ToIntBiFunction<String, Object[]> run) {
    int total = 0;
    int changed;
    do {
      changed = run.applyAsInt(sql, new Object[] {Timestamp.from(before), properties.batchSize()});
      total += changed;
    } while (changed >= properties.batchSize());
    return total;
  }

  /**
   * The scheduled run: skipped while another instance holds the lock (that instance is running it),
   * and when retention is disabled.
   */
  @Scheduled(
      fixedDelayString = "${hokm.retention.interval:1h}",
      initialDelayString = "${hokm.retention.interval:1h}")
  @SchedulerLock(name = "retention", lockAtMostFor = "${hokm.retention.lock-at-most-for:30m}")
  public void scheduledRun() {
    if (!properties.enabled()) {
      return;
    }
    try {
      Result result = purge(clock.instant());
      if (result.connectionsDeleted()
              + result.auditBlanked()
              + result.auditDeleted()
              + result.unusedGuestsDeleted()
          > 0) {
        log.info("retention: {}", result);
      }
    } catch (RuntimeException e) {
      log.warn("retention run failed; the next run tries again: {}", e.toString());
    }
  }
}
