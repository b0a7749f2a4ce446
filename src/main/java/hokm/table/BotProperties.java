package hokm.table;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bots' budget and the pool the search runs on ({@code hokm.bots.*}). The search never runs on
 * a table's mailbox thread: it runs on its own bounded pool, and when that pool is busy a decision
 * gets fewer playouts (never less than {@code minPlayouts}); when its queue is full the heuristic
 * decides at once instead, so a busy search delays no table.
 *
 * @param searchThreads threads of the search pool; 0 for one per core
 * @param queueCapacity decisions that may wait for a search thread before the heuristic stands in
 * @param playouts playouts of a {@code hard} decision when the pool is idle
 * @param minPlayouts the fewest playouts a {@code hard} decision gets under load
 * @param timeCap a search decision stops dealing after this long, however many playouts are left
 */
@ConfigurationProperties("hokm.bots")
public record BotProperties(
    @DefaultValue("0") int searchThreads,
    @DefaultValue("64") int queueCapacity,
    @DefaultValue("2000") int playouts,
    @DefaultValue("200") int minPlayouts,
    @DefaultValue("40ms") Duration timeCap) {

  public BotProperties {
    if (playouts < 1 || minPlayouts < 1 || minPlayouts > playouts) {
      throw new IllegalArgumentException("need 1 <= hokm.bots.min-playouts <= hokm.bots.playouts");
    }
    if (queueCapacity < 0 || searchThreads < 0) {
      throw new IllegalArgumentException("hokm.bots sizes must not be negative");
    }
  }

  /** Threads for the search: the configured number, or one per core. */
  public int effectiveSearchThreads() {
    return searchThreads > 0 ? searchThreads : Runtime.getRuntime().availableProcessors();
  }
}
