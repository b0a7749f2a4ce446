package hokm.platform.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development defaults: an embedded PostgreSQL and Redis started when no URL names real ones.
 *
 * @param enabled whether to start them at all (never under the {@code prod} profile)
 * @param persistent whether PostgreSQL keeps its data in {@code dataDir} between runs; when false
 *     (tests) it lives in a temporary directory and is gone on exit
 * @param dataDir where the PostgreSQL cluster lives when persistent
 * @param postgresPort a fixed port, or 0 for any free one
 * @param redisPort a fixed port, or 0 for any free one
 */
@ConfigurationProperties("hokm.embedded")
public record EmbeddedProperties(
    Boolean enabled, boolean persistent, String dataDir, int postgresPort, int redisPort) {}
