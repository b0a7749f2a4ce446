package hokm.table.internal;

import hokm.engine.Bot;
import hokm.engine.EasyBot;
import hokm.engine.HeuristicBot;
import hokm.engine.Move;
import hokm.engine.SearchBot;
import hokm.engine.SeatView;
import hokm.table.BotLevel;
import hokm.table.BotProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The bots' decisions for every table. {@code easy} and {@code normal} decide at once on the
 * caller's thread (microseconds). {@code hard} searches on a bounded pool of its own, never on a
 * table's mailbox thread; the busier the pool, the fewer playouts a decision gets, and with its
 * queue full the heuristic decides instead. Under load the bots play a little worse; the tables'
 * moves are not delayed.
 */
public final class BotMoves implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotMoves.class);
  private static final Bot EASY = new EasyBot();
  private static final Bot NORMAL = new HeuristicBot();

  private final BotProperties properties;
  private final ThreadPoolTaskExecutor searchPool;
  private final Counter full;
  private final Counter reduced;
  private final Counter standIn;
  private final Timer searchTime;

  /**
   * @param searchPool where {@code hard} decisions run; null to search on the caller's thread (for
   *     tests and tools without a pool)
   */
  public BotMoves(
      BotProperties properties, ThreadPoolTaskExecutor searchPool, MeterRegistry registry) {
    this.properties = properties;
    this.searchPool = searchPool;
    this.full = searches(registry, "full");
    this.reduced = searches(registry, "reduced");
    this.standIn = searches(registry, "heuristic");
    this.searchTime =
        Timer.builder("hokm.bots.search.duration")
            .description("Time of one hard bot decision on the search pool")
            .publishPercentileHistogram()
            .register(registry);
    if (searchPool != null) {
      Gauge.builder("hokm.bots.search.queued", searchPool, pool -> pool.getQueueSize())
          .description("Hard bot decisions waiting for a search thread")
          .register(registry);
    }
  }

  private static Counter searches(MeterRegistry registry, String budget) {
    return Counter.builder("hokm.bots.search.decisions")
        .description(
            "Hard bot decisions by budget: full, reduced under load, or heuristic when the"
                + " search pool was full")
        .tag("budget", budget)
        .register(registry);
  }

  /** Decides now, on this thread, at {@code easy} or {@code normal}: the heuristic for hard. */
  public Move decideNow(BotLevel level, SeatView view) {
    return (level == BotLevel.EASY ? EASY : NORMAL).decide(view);
  }

  /**
   * Decides the move of the view's seat. {@code done} gets it: at once on this thread for easy and
   * normal, later on a search thread for hard (the caller posts it back to its table).
   *
   * @param seed the search's seed (decisions are a function of it and the view)
   */
  public void decide(BotLevel level, long seed, SeatView view, Consumer<Move> done) {
    if (level != BotLevel.HARD) {
      done.accept(decideNow(level, view));
      return;
    }
    if (searchPool == null) {
      done.accept(search(seed, properties.playouts(), view));
      return;
    }
    ThreadPoolExecutor pool = searchPool.getThreadPoolExecutor();
    int threads = Math.max(1, pool.getMaximumPoolSize());
    int waiting = pool.getQueue().size();
    // Each decision already waiting takes a share of the threads: a decision gets the budget that
    // keeps the pool's backlog from growing, down to the floor.
    int playouts =
        Math.max(
            properties.minPlayouts(),
            (int) ((long) properties.playouts() * threads / (threads + waiting)));
    try {
      searchPool.execute(
          () -> {
            Move move;
            try {
              move = search(seed, playouts, view);
            } catch (RuntimeException e) {
              log.error("search failed; the heuristic decides", e);
              move = NORMAL.decide(view);
            }
            done.accept(move);
          });
      (playouts == properties.playouts() ? full : reduced).increment();
    } catch (TaskRejectedException e) {
      standIn.increment();
      done.accept(NORMAL.decide(view));
    }
  }

  /** Stops the search pool; decisions still queued are dropped. */
  @Override
  public void close() {
    if (searchPool != null) {
      searchPool.shutdown();
    }
  }

  private Move search(long seed, int playouts, SeatView view) {
    long started = System.nanoTime();
    Move move = new SearchBot(seed, playouts, properties.timeCap().toNanos()).decide(view);
    searchTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    return move;
  }
}
