package hokm.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data is kept ({@code hokm.retention.*}).
 *
 * @param enabled whether the retention job runs
 * @param interval how often it runs (the first run is one interval after start-up)
 * @param connectionsMaxAge closed {@code websocket_connections} rows older than this are deleted
 * @param auditIpMaxAge audit entries older than this lose their ip and subject
 * @param auditMaxAge audit entries older than this are deleted
 * @param unusedGuestsMaxAge guests that never had a seat at a table and have not been seen for this
 *     long are deleted (never sooner than a day)
 * @param batchSize rows deleted or updated per statement, so no statement holds locks for long
 */
@ConfigurationProperties("hokm.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("90d") Duration connectionsMaxAge,
    @DefaultValue("30d") Duration auditIpMaxAge,
    @DefaultValue("365d") Duration auditMaxAge,
    @DefaultValue("7d") Duration unusedGuestsMaxAge,
    @DefaultValue("5000") int batchSize) {}
