package hokm.analytics.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends analytics reads to the replica and, when the replica cannot be reached, to the primary.
 * Each read that should have gone to the replica but did not increments {@code
 * hokm.analytics.replica.fallback}; {@code hokm.analytics.replica.up} is 1 while the replica
 * answers. The replica pool is deliberately not a {@link DataSource} bean: one would displace the
 * primary the rest of the application is wired to.
 */
@Component
@EnableConfigurationProperties(ReplicaProperties.class)
public class AnalyticsReadRouter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsReadRouter.class);

  private final JdbcTemplate primary;
  private final HikariDataSource replicaPool;
  private final JdbcTemplate replica;
  private final ReplicaProperties properties;
  private final Counter fallbacks;
  private final AtomicInteger replicaUp = new AtomicInteger(1);
  private final Clock clock = Clock.systemUTC();
  private volatile Instant replicaRetryAt = Instant.MIN;

  private final CircuitBreaker breaker;

  AnalyticsReadRouter(
      DataSource primaryDataSource,
      ReplicaProperties properties,
      MeterRegistry meters,
      CircuitBreakerRegistry breakers) {
    this.breaker = breakers.circuitBreaker("analytics");
    this.primary = new JdbcTemplate(primaryDataSource);
    this.properties = properties;
    this.fallbacks =
        Counter.builder("hokm.analytics.replica.fallback")
            .description("Analytics reads served by the primary because the replica failed")
            .register(meters);
    if (properties.configured()) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("hokm-replica");
      config.setJdbcUrl(properties.url());
      config.setUsername(properties.username());
      config.setPassword(properties.password());
      config.setReadOnly(true);
      config.setMaximumPoolSize(properties.maximumPoolSize());
      config.setMinimumIdle(1);
      config.setConnectionTimeout(properties.connectionTimeout().toMillis());
      config.setValidationTimeout(Math.min(1000, properties.connectionTimeout().toMillis()));
      // Start even if the replica is down: analytics then reads from the primary.
      config.setInitializationFailTimeout(-1);
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
      this.replicaPool = new HikariDataSource(config);
      this.replica = new JdbcTemplate(replicaPool);
      Gauge.builder("hokm.analytics.replica.up", replicaUp, AtomicInteger::get)
          .description("1 while the read replica answers analytics reads, 0 while they fall back")
          .register(meters);
      log.info("Analytics reads go to the replica at {}", properties.url());
    } else {
      this.replicaPool = null;
      this.replica = null;
      log.info("No read replica configured: analytics reads go to the primary");
    }
  }

  /** Runs a read on the replica, or on the primary when there is none or it fails. */
  public <T> T read(Function<JdbcTemplate, T> query) {
    if (replica == null) {
      return query.apply(primary);
    }
    // The analytics breaker guards the replica: while it is open, reads go straight to the
    // primary; the retry-after window keeps a single failure from being retried on every read.
    if (clock.instant().isBefore(replicaRetryAt) || !breaker.tryAcquirePermission()) {
      fallbacks.increment();
      return query.apply(primary);
    }
    long started = System.nanoTime();
    try {
      T result = query.apply(replica);
      breaker.onSuccess(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      replicaUp.set(1);
      return result;
    } catch (DataAccessResourceFailureException
        | RecoverableDataAccessException
        | TransientDataAccessResourceException e) {
      breaker.onError(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS, e);
      log.warn(
          "Read replica failed ({}); analytics reads go to the primary for {}",
          e.getClass().getSimpleName(),
          properties.retryAfter());
      replicaUp.set(0);
      replicaRetryAt = clock.instant().plus(properties.retryAfter());
      fallbacks.increment();
      return query.apply(primary);
    }
  }

  /** Whether a replica is configured, and whether it answered the last check. */
  public org.springframework.boot.health.contributor.Health health() {
    if (replica == null) {
      return org.springframework.boot.health.contributor.Health.unknown()
          .withDetail("replica", "not configured: analytics reads use the primary")
          .build();
    }
    try {
      replica.queryForObject("SELECT 1", Integer.class);
      replicaUp.set(1);
      return org.springframework.boot.health.contributor.Health.up()
          .withDetail("analyticsBreaker", breaker.getState().name())
          .build();
    } catch (RuntimeException e) {
      replicaUp.set(0);
      return org.springframework.boot.health.contributor.Health.down()
          .withDetail("analyticsBreaker", breaker.getState().name())
          .withDetail("fallback", "analytics reads go to the primary")
          .build();
    }
  }

  @Override
  public void destroy() {
    if (replicaPool != null) {
      replicaPool.close();
    }
  }
}
