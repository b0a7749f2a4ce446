package hokm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Plays thousands of seeded games with random, easy, heuristic and search bots, throws random wrong
 * moves at them, and checks every event against a referee written here from the rules,
 * independently of the engine.
 */
class GameProperties {

  @Property(tries = 1500)
  void everyGameObeysTheRules(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 13) int target,
      @ForAll boolean kotScoring,
      @ForAll @IntRange(min = 0, max = 5) int botMix) {
    Rules rules = new Rules(target, kotScoring);
    Bot[] bots = botsFor(botMix, seed);
    Game game = Game.start(seed, rules);
    Referee referee = new Referee(rules);
    referee.opening(game.openingEvents());
    Random wrongMoves = new Random(seed);

    while (!game.isOver()) {
      checkViews(game);
      if (wrongMoves.nextInt(4) == 0) {
        tryRandomMove(game, referee, wrongMoves);
        continue;
      }
      int seat = game.turn();
      Move move = bots[seat].decide(game.viewFor(seat));
      assertThat(referee.rejectionOf(move)).as("bot move %s", move).isNull();
      MoveResult result = game.apply(move);
      assertThat(result.isAccepted()).as("%s: %s", move, result).isTrue();
      referee.accepted(move, result.events());
      for (int s = 0; s < 4; s++) {
        assertThat(game.hand(s)).isEqualTo(CardSet.of(referee.hands.get(s)));
      }
    }
    referee.finished();

    Game replayed = Game.replay(seed, rules, game.moves());
    assertThat(GameRulesTest.snapshot(replayed)).isEqualTo(GameRulesTest.snapshot(game));
    assertThat(replayed.winnerTeam()).isEqualTo(game.winnerTeam());
    assertThat(replayed.moves()).isEqualTo(game.moves());
    assertThat(replayAllEvents(seed, rules, game.moves())).isEqualTo(referee.log);
  }

  @Property(tries = 300)
  void aReplayReproducesEveryIntermediateState(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int stopAfter) {
    Game game = Game.start(seed, new Rules(3, true));
    Bot bot = new RandomBot(seed);
    while (!game.isOver() && game.moves().size() < stopAfter) {
      game.apply(bot.decide(game.viewFor(game.turn())));
    }
    Game replayed = Game.replay(seed, new Rules(3, true), game.moves());
    assertThat(GameRulesTest.snapshot(replayed)).isEqualTo(GameRulesTest.snapshot(game));
    for (int seat = 0; seat < 4; seat++) {
      assertThat(replayed.viewFor(seat).toString()).isEqualTo(game.viewFor(seat).toString());
    }
  }

  private static List<GameEvent> replayAllEvents(long seed, Rules rules, List<Move> moves) {
    Game game = Game.start(seed, rules);
    List<GameEvent> events = new ArrayList<>(game.openingEvents());
    for (Move move : moves) {
      events.addAll(game.apply(move).events());
    }
    return events;
  }

  private static Bot[] botsFor(int mix, long seed) {
    Bot random = new RandomBot(seed);
    Bot heuristic = new HeuristicBot();
    // A small budget: legality is what is checked here, not strength.
    Bot search = new SearchBot(seed, 4, 0L);
    Bot easy = new EasyBot();
    return switch (mix) {
      case 0 -> Simulation.bots(random, random);
      case 1 -> Simulation.bots(heuristic, random);
      case 2 -> Simulation.bots(random, heuristic);
      case 3 -> Simulation.bots(search, easy);
      case 4 -> Simulation.bots(easy, search);
      default -> Simulation.bots(heuristic, heuristic);
    };
  }

  /** No seat's view holds a card of another seat's hand, and each holds its own hand exactly. */
  private static void checkViews(Game game) {
    for (int seat = 0; seat < 4; seat++) {
      SeatView view = game.viewFor(seat);
      assertThat(view.hand()).isEqualTo(game.hand(seat));
      for (int other = 0; other < 4; other++) {
        if (other != seat) {
          CardSet theirs = game.hand(other);
          assertThat(view.hand().intersects(theirs)).isFalse();
          assertThat(view.legal().intersects(theirs)).isFalse();
          for (PlayedCard played : view.table().table()) {
            assertThat(theirs.contains(played.card())).isFalse();
          }
        }
      }
    }
  }

  private static void tryRandomMove(Game game, Referee referee, Random random) {
    Move move =
        switch (random.nextInt(3)) {
          case 0 -> new Move.ChooseTrump(random.nextInt(6) - 1, Suit.all().get(random.nextInt(4)));
          case 1, 2 -> new Move.PlayCard(random.nextInt(5), Card.of(random.nextInt(52)));
          default -> throw new IllegalStateException();
        };
    Rejection expected = referee.rejectionOf(move);
    String before = GameRulesTest.snapshot(game);
    MoveResult result = game.apply(move);
    assertThat(result.rejection()).as("%s", move).isEqualTo(expected);
    if (expected != null) {
      assertThat(GameRulesTest.snapshot(game)).isEqualTo(before);
    } else {
      referee.accepted(move, result.events());
    }
  }
}
