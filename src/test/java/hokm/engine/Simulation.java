package hokm.engine;

import java.util.ArrayList;
import java.util.List;

/** Plays whole games with bots, recording every event. */
final class Simulation {
  final Game game;
  final List<GameEvent> events = new ArrayList<>();

  private Simulation(Game game) {
    this.game = game;
    events.addAll(game.openingEvents());
  }

  static Simulation of(Game game) {
    return new Simulation(game);
  }

  static Simulation play(long seed, Rules rules, Bot... bots) {
    Simulation simulation = new Simulation(Game.start(seed, rules));
    simulation.runWith(bots);
    return simulation;
  }

  /** Lets the bots play until the game is over. */
  Simulation runWith(Bot... bots) {
    int guard = 0;
    while (!game.isOver()) {
      int seat = game.turn();
      Move move = bots[seat].decide(game.viewFor(seat));
      MoveResult result = game.apply(move);
      if (!result.isAccepted()) {
        throw new AssertionError("bot move " + move + " refused: " + result.rejection());
      }
      events.addAll(result.events());
      if (++guard > 100_000) {
        throw new AssertionError("game does not end");
      }
    }
    return this;
  }

  static Bot[] bots(Bot team1, Bot team2) {
    return new Bot[] {team1, team2, team1, team2};
  }
}
