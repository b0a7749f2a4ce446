package hokm.journal.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hokm.table.BotLevel;
import hokm.table.PlayerRatings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ratings quick match seats players by, as the journal recorded them. Read through the postgres
 * circuit breaker and kept for a short while: while PostgreSQL is away, or for a guest, a player
 * counts as new, and quick match goes on.
 */
@Component
class StoredRatings implements PlayerRatings {
  /** How stale a rating quick match uses may be: a game's result shows after this at most. */
  static final Duration FRESH_FOR = Duration.ofSeconds(30);

  private final JdbcTemplate jdbc;
  private final CircuitBreaker breaker;
  private final Cache<UUID, Double> players =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(FRESH_FOR).build();
  private final Cache<BotLevel, Double> bots =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).build();

  StoredRatings(DataSource dataSource, CircuitBreakerRegistry breakers) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.breaker = breakers.circuitBreaker("postgres");
  }

  @Override
  public double ordinal(UUID player) {
    Double known = players.getIfPresent(player);
    if (known != null) {
      return known;
    }
    List<Double> read =
        read(
            "SELECT CASE WHEN is_guest THEN NULL ELSE rating_ordinal END FROM players"
                + " WHERE id = ?",
            player);
    if (read == null) {
      return DEFAULT_ORDINAL;
    }
    // A guest (or a name unknown here) is a new player.
    double ordinal = read.isEmpty() || read.get(0) == null ? DEFAULT_ORDINAL : read.get(0);
    players.put(player, ordinal);
    return ordinal;
  }

  @Override
  public double botOrdinal(BotLevel level) {
    Double known = bots.getIfPresent(level);
    if (known != null) {
      return known;
    }
    List<Double> read =
        read(
            "SELECT rating_mu - 3 * rating_sigma FROM bot_ratings WHERE bot_level = ?",
            level.wireName());
    if (read == null || read.isEmpty()) {
      return DEFAULT_ORDINAL;
    }
    bots.put(level, read.get(0));
    return read.get(0);
  }

  /** The query's values (none or one); null when PostgreSQL cannot answer now. */
  private List<Double> read(String sql, Object argument) {
    try {
      return breaker.executeSupplier(
          () -> jdbc.query(sql, (rs, i) -> (Double) rs.getObject(1), argument));
    } catch (RuntimeException e) {
      // The breaker is open or PostgreSQL failed: a new player's rating, not a refusal.
      return null;
    }
  }
}
