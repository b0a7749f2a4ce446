package hokm.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.EasyBot;
import hokm.engine.Game;
import hokm.engine.HeuristicBot;
import hokm.engine.Move;
import hokm.engine.Rules;
import hokm.engine.SearchBot;
import hokm.engine.SeatView;
import hokm.table.BotLevel;
import hokm.table.BotProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The bots' pool: hard searches off the caller's thread, and a busy pool plays on, weaker. */
class BotMovesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static SeatView firstDecision() {
    Game game = Game.start(8, Rules.STANDARD);
    return game.viewFor(game.turn());
  }

  private static ThreadPoolTaskExecutor pool(int queue) {
    ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    pool.setCorePoolSize(1);
    pool.setMaxPoolSize(1);
    pool.setQueueCapacity(queue);
    pool.setThreadNamePrefix("test-search-");
    pool.initialize();
    return pool;
  }

  private double decisions(String budget) {
    return registry.counter("hokm.bots.search.decisions", "budget", budget).count();
  }

  @Test
  void easyAndNormalDecideAtOnceOnTheCallersThread() {
    BotMoves bots = new BotMoves(new BotProperties(1, 4, 100, 10, Duration.ZERO), null, registry);
    SeatView view = firstDecision();
    Thread caller = Thread.currentThread();
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    bots.decide(BotLevel.EASY, 1, view, move -> ranOn.add(Thread.currentThread()));
    bots.decide(BotLevel.NORMAL, 1, view, move -> ranOn.add(Thread.currentThread()));
    assertThat(ranOn).containsExactly(caller, caller);
    assertThat(bots.decideNow(BotLevel.EASY, view)).isEqualTo(new EasyBot().decide(view));
    assertThat(bots.decideNow(BotLevel.NORMAL, view)).isEqualTo(new HeuristicBot().decide(view));
  }

  @Test
  void hardSearchesOnThePoolWithTheFullBudgetWhenItIsIdle() throws Exception {
    ThreadPoolTaskExecutor pool = pool(4);
    BotMoves bots = new BotMoves(new BotProperties(1, 4, 100, 10, Duration.ZERO), pool, registry);
    SeatView view = firstDecision();
    CompletableFuture<Move> decided = new CompletableFuture<>();
    CompletableFuture<String> thread = new CompletableFuture<>();
    bots.decide(
        BotLevel.HARD,
        7,
        view,
        move -> {
          thread.complete(Thread.currentThread().getName());
          decided.complete(move);
        });
    assertThat(decided.get(30, TimeUnit.SECONDS)).isEqualTo(new SearchBot(7, 100, 0L).decide(view));
    assertThat(thread.get()).startsWith("test-search-");
    assertThat(decisions("full")).isEqualTo(1);
    bots.close();
  }

  @Test
  void aBusyPoolGivesFewerPlayoutsAndAFullOneTheHeuristic() throws Exception {
    ThreadPoolTaskExecutor pool = pool(2);
    BotMoves bots = new BotMoves(new BotProperties(1, 2, 1000, 100, Duration.ZERO), pool, registry);
    CountDownLatch release = new CountDownLatch(1);
    // The one search thread is taken, and one decision already waits.
    pool.execute(() -> awaitQuietly(release));
    pool.execute(() -> {});
    SeatView view = firstDecision();
    Thread caller = Thread.currentThread();

    CompletableFuture<Move> reduced = new CompletableFuture<>();
    bots.decide(BotLevel.HARD, 7, view, reduced::complete);
    assertThat(decisions("reduced")).isEqualTo(1);

    // Now the queue is full: the heuristic decides at once, here.
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    List<Move> standIn = new CopyOnWriteArrayList<>();
    bots.decide(
        BotLevel.HARD,
        7,
        view,
        move -> {
          ranOn.add(Thread.currentThread());
          standIn.add(move);
        });
    assertThat(ranOn).containsExactly(caller);
    assertThat(standIn).containsExactly(new HeuristicBot().decide(view));
    assertThat(decisions("heuristic")).isEqualTo(1);

    release.countDown();
    // With one thread and one decision ahead of it, the waiting one got half the budget.
    assertThat(reduced.get(30, TimeUnit.SECONDS)).isEqualTo(new SearchBot(7, 500, 0L).decide(view));
    bots.close();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
