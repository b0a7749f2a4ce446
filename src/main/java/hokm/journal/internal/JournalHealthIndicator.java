package hokm.journal.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The journal as a health component: how far PostgreSQL is behind the games. It is UP while games
 * are recorded or buffered; OUT_OF_SERVICE when the in-memory buffer is nearly full, so readiness
 * sends new players elsewhere until PostgreSQL catches up.
 */
@Component("journal")
class JournalHealthIndicator implements HealthIndicator {
  private static final double NEARLY_FULL = 0.9;

  private final JournalWriter journal;
  private final RedisTableStore store;

  JournalHealthIndicator(JournalWriter journal, RedisTableStore store) {
    this.journal = journal;
    this.store = store;
  }

  @Override
  public Health health() {
    Health.Builder health =
        journal.fill() >= NEARLY_FULL ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
    return health
        .withDetail("queued", journal.pending())
        .withDetail("lagSeconds", journal.lagSeconds())
        .withDetail("postgresBreaker", journal.breakerState().name())
        .withDetail("tablesAwaitingRedisRewrite", store.dirtyTables())
        .build();
  }
}
