package hokm.analytics.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read replica ({@code DATABASE_READ_URL}); with no URL, analytics reads use the primary.
 *
 * @param connectionTimeout how long a read waits for a replica connection before it falls back
 * @param retryAfter after a failure, how long reads go straight to the primary before the replica
 *     is tried again, so a dead replica does not cost every request a timeout
 */
@ConfigurationProperties("hokm.datasource.replica")
public record ReplicaProperties(
    String url,
    String username,
    String password,
    @DefaultValue("4") int maximumPoolSize,
    @DefaultValue("2s") Duration connectionTimeout,
    @DefaultValue("10s") Duration retryAfter) {

  boolean configured() {
    return url != null && !url.isBlank();
  }
}
