package hokm.engine.bench;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.engine.EventSink;
import hokm.engine.Game;
import hokm.engine.Move;
import hokm.engine.RandomBot;
import hokm.engine.Rules;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast the rules engine is on one thread: whole games, and single moves. Run with {@code mvn
 * -Pbench test-compile exec:exec}; results go to docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {
  /** Moves in the recorded game replayed by {@link #moves}. */
  private static final int RECORDED_MOVES = 400;

  private final SplittableRandom random = new SplittableRandom(42);
  private long seed;
  private List<Move> recorded;
  private long recordedSeed;

  @Setup(Level.Trial)
  public void record() {
    // A game long enough to have RECORDED_MOVES moves (target 13 runs well past that).
    for (long s = 1; ; s++) {
      Game game = Game.start(s, new Rules(13, true));
      RandomBot bot = new RandomBot(s);
      while (!game.isOver()) {
        game.apply(bot.decide(game.viewFor(game.turn())), EventSink.NONE);
      }
      if (game.moves().size() >= RECORDED_MOVES) {
        recorded = List.copyOf(game.moves().subList(0, RECORDED_MOVES));
        recordedSeed = s;
        return;
      }
    }
  }

  /**
   * A whole game to 7 points where each seat plays a uniformly random legal card, straight on the
   * engine (no views): games per second.
   */
  @Benchmark
  public int gameWithRandomLegalCards(Blackhole hole) {
    Game game = Game.start(seed++, Rules.STANDARD);
    EventSink sink = hole::consume;
    while (!game.isOver()) {
      int seat = game.turn();
      Move move;
      if (game.trump() == null) {
        move = new Move.ChooseTrump(seat, hokm.engine.Suit.all().get(random.nextInt(4)));
      } else {
        CardSet legal = game.legalCards(seat);
        Card card = legal.get(random.nextInt(legal.size()));
        move = new Move.PlayCard(seat, card);
      }
      game.apply(move, sink);
    }
    return game.winnerTeam();
  }

  /** A whole game to 7 points played by four {@link RandomBot}s deciding from their seat views. */
  @Benchmark
  public int gameWithRandomBotsThroughViews(Blackhole hole) {
    Game game = Game.start(seed++, Rules.STANDARD);
    RandomBot bot = new RandomBot(seed);
    EventSink sink = hole::consume;
    while (!game.isOver()) {
      game.apply(bot.decide(game.viewFor(game.turn())), sink);
    }
    return game.winnerTeam();
  }

  /**
   * Validation and application of one move: replays a recorded game of 400 moves (scores are per
   * move, the start of the game included).
   */
  @Benchmark
  @OperationsPerInvocation(RECORDED_MOVES)
  public Game moves(Blackhole hole) {
    Game game = Game.start(recordedSeed, new Rules(13, true));
    EventSink sink = hole::consume;
    for (Move move : recorded) {
      if (game.apply(move, sink) != null) {
        throw new IllegalStateException("recorded move refused");
      }
    }
    return game;
  }

  /** Validation alone: is this card legal now (a refused move, the cheapest path). */
  @Benchmark
  public Object checkRefusedMove() {
    Game game = sharedGame;
    return game.check(wrongTurn);
  }

  private Game sharedGame;
  private Move wrongTurn;

  @Setup(Level.Trial)
  public void sharedGame() {
    sharedGame = Game.start(7, Rules.STANDARD);
    sharedGame.apply(new Move.ChooseTrump(sharedGame.hakem(), hokm.engine.Suit.HEARTS));
    int other = (sharedGame.hakem() + 1) % 4;
    wrongTurn = new Move.PlayCard(other, sharedGame.hand(other).first());
  }
}
