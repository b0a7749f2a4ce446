package hokm.engine.bench;

import hokm.engine.Bot;
import hokm.engine.Game;
import hokm.engine.HeuristicBot;
import hokm.engine.Move;
import hokm.engine.Phase;
import hokm.engine.Rules;
import hokm.engine.SearchBot;
import hokm.engine.SeatView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per decision of the search bot on one thread, over real positions: every decision with a
 * choice (more than one legal card, or the trump) that the search team met in 20 seeded games
 * against the heuristic; the first lead of a hand (thirteen cards, the costliest card decision);
 * and the hakem's trump. Run with {@code mvn -Pbench test-compile exec:exec
 * -Dbench.args="SearchBenchmark"}; results go to docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SearchBenchmark {
  @Param({"2000", "200"})
  public int playouts;

  private final List<SeatView> decisions = new ArrayList<>();
  private final List<SeatView> firstLeads = new ArrayList<>();
  private final List<SeatView> trumps = new ArrayList<>();
  private SearchBot bot;
  private int next;

  @Setup(Level.Trial)
  public void record() {
    bot = new SearchBot(1, playouts, 0L);
    Bot heuristic = new HeuristicBot();
    Bot recorder = new SearchBot(2, 100, 0L);
    for (long seed = 0; seed < 20; seed++) {
      Game game = Game.start(seed, Rules.STANDARD);
      while (!game.isOver()) {
        int seat = game.turn();
        SeatView view = game.viewFor(seat);
        boolean searchTeam = (seat & 1) == (seed & 1);
        if (searchTeam) {
          if (game.phase() == Phase.CHOOSING_TRUMP) {
            trumps.add(view);
            decisions.add(view);
          } else if (view.legal().size() > 1) {
            decisions.add(view);
            if (view.hand().size() == 13) {
              firstLeads.add(view);
            }
          }
        }
        Move move = (searchTeam ? recorder : heuristic).decide(view);
        game.apply(move);
      }
    }
  }

  /** One decision with a choice, cycling through those recorded (several thousand). */
  @Benchmark
  public Move decision() {
    SeatView view = decisions.get(next++ % decisions.size());
    return bot.decide(view);
  }

  /** The first lead of a hand: thirteen cards to choose from, whole hands to play out. */
  @Benchmark
  public Move firstLead() {
    SeatView view = firstLeads.get(next++ % firstLeads.size());
    return bot.decide(view);
  }

  /** The hakem's trump, from five cards: the rest of the deal is unknown. */
  @Benchmark
  public Move trump() {
    SeatView view = trumps.get(next++ % trumps.size());
    return bot.decide(view);
  }
}
