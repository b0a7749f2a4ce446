package hokm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Matches between bot levels: whole seeded games to 7 points, each seed played twice with the teams
 * swapped (so both sides get the same cards and the same first hakem), results with 95% Wilson
 * intervals.
 *
 * <p>{@link #theSearchBotBeatsTheHeuristic} is the regression in {@code mvn verify}: a few hundred
 * games on a small budget. {@link #fullMatch} is the published measurement (docs/benchmarks.md),
 * excluded by default (tag {@code strength}); run it with
 *
 * <pre>
 * nice -n 10 mvn -B -ntp test-compile surefire:test@default-test -Dtest=BotStrengthTest#fullMatch \
 *     -Dtest.excludedGroups=none -Dstrength.games=2000 -Dstrength.threads=2
 * </pre>
 *
 * Properties: {@code strength.games} (default 2000), {@code strength.playouts} (the hard level's
 * budget), {@code strength.seed} (first seed; the default was never used while tuning), {@code
 * strength.threads}. The table goes to the console and to target/strength/report.md.
 */
class BotStrengthTest {

  @Test
  void theSearchBotBeatsTheHeuristic() {
    // Seeds and budget of their own; at 200 playouts the search team wins about three games in
    // four.
    Result result =
        match(300, 900_000L, 1, seed -> new SearchBot(seed, 200, 0L), seed -> new HeuristicBot());
    System.out.println("search (200 playouts) against heuristic: " + result.summary());
    assertThat(result.rate()).isGreaterThan(0.60);
  }

  @Test
  @Tag("strength")
  void fullMatch() throws IOException {
    int games = Integer.getInteger("strength.games", 2000);
    int playouts = Integer.getInteger("strength.playouts", SearchBot.DEFAULT_PLAYOUTS);
    long first = Long.getLong("strength.seed", 31_000_000L);
    int threads = Integer.getInteger("strength.threads", 1);
    HeuristicBot heuristic = new HeuristicBot();

    List<String> rows = new ArrayList<>();
    Result search =
        match(games, first, threads, seed -> new SearchBot(seed, playouts, 0L), seed -> heuristic);
    rows.add(row("hard (search, " + playouts + " playouts) against normal (heuristic)", search));
    Result trump =
        match(
            games,
            first,
            threads,
            seed -> trumpOnly(new SearchBot(seed, playouts, 0L), heuristic),
            seed -> heuristic);
    rows.add(row("heuristic play with the search's trump choice, against normal", trump));
    Result normal = match(games, first, threads, seed -> heuristic, RandomBot::new);
    rows.add(row("normal (heuristic) against random", normal));
    Result easy = match(games, first, threads, seed -> new EasyBot(), seed -> heuristic);
    rows.add(row("easy against normal (heuristic)", easy));
    Result easyRandom = match(games, first, threads, seed -> new EasyBot(), RandomBot::new);
    rows.add(row("easy against random", easyRandom));

    StringBuilder report = new StringBuilder();
    report
        .append(
            String.format(
                Locale.ROOT,
                "%d games per row, seeds %d..%d (each twice, teams swapped), target 7, kot on%n%n",
                games,
                first,
                first + games / 2 - 1))
        .append("| match | games won | 95% interval | hands won | CPU s |\n")
        .append("|---|---|---|---|---|\n");
    rows.forEach(row -> report.append(row).append('\n'));
    System.out.print(report);
    Path out = Path.of("target", "strength", "report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    assertThat(search.rate()).isGreaterThanOrEqualTo(0.70);
  }

  private static String row(String name, Result result) {
    return String.format(
        Locale.ROOT,
        "| %s | %d / %d = **%.1f%%** | %.1f%% – %.1f%% | %.1f%% | %.0f |",
        name,
        result.wins,
        result.games,
        100 * result.rate(),
        100 * result.low(),
        100 * result.high(),
        100.0 * result.handsWon / result.hands,
        result.cpuNanos / 1e9);
  }

  static Bot trumpOnly(Bot trumps, Bot cards) {
    return new Bot() {
      @Override
      public Suit chooseTrump(SeatView view) {
        return trumps.chooseTrump(view);
      }

      @Override
      public Card playCard(SeatView view) {
        return cards.playCard(view);
      }
    };
  }

  /** Games won by team "tested", with the tested bots on team 1 in even games, team 2 in odd. */
  static Result match(
      int games, long firstSeed, int threads, LongFunction<Bot> tested, LongFunction<Bot> other) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < games; i++) {
        int game = i;
        results.add(
            pool.submit(
                () -> {
                  long start = cpu.getCurrentThreadCpuTime();
                  long seed = firstSeed + game / 2;
                  boolean testedIsTeam1 = game % 2 == 0;
                  Bot a = tested.apply(seed * 7 + 1);
                  Bot b = other.apply(seed * 13 + 5);
                  Simulation sim =
                      Simulation.play(
                          seed,
                          Rules.STANDARD,
                          testedIsTeam1 ? Simulation.bots(a, b) : Simulation.bots(b, a));
                  int team = testedIsTeam1 ? 1 : 2;
                  long hands = 0;
                  long handsWon = 0;
                  for (GameEvent event : sim.events) {
                    if (event instanceof GameEvent.HandOver over) {
                      hands++;
                      handsWon += over.winnerTeam() == team ? 1 : 0;
                    }
                  }
                  long won = sim.game.winnerTeam() == team ? 1 : 0;
                  return new long[] {won, hands, handsWon, cpu.getCurrentThreadCpuTime() - start};
                }));
      }
      Result result = new Result(games);
      for (Future<long[]> future : results) {
        long[] r = future.get();
        result.wins += (int) r[0];
        result.hands += r[1];
        result.handsWon += r[2];
        result.cpuNanos += r[3];
      }
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  static final class Result {
    final int games;
    int wins;
    long hands;
    long handsWon;
    long cpuNanos;

    Result(int games) {
      this.games = games;
    }

    double rate() {
      return wins / (double) games;
    }

    /** The 95% Wilson score interval. */
    double low() {
      return wilson(-1);
    }

    double high() {
      return wilson(1);
    }

    private double wilson(int sign) {
      double z = 1.96;
      double p = rate();
      double n = games;
      double centre = p + z * z / (2 * n);
      double spread = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
      return (centre + sign * spread) / (1 + z * z / n);
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "%d / %d games (%.1f%%, 95%% interval %.1f%% – %.1f%%)",
          wins,
          games,
          100 * rate(),
          100 * low(),
          100 * high());
    }
  }
}
