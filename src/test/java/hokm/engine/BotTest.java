package hokm.engine;

import static hokm.engine.Deals.cards;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BotTest {
  private final HeuristicBot bot = new HeuristicBot();

  /** Seats 0..3 hold {@link GameRulesTest#mixedHands()}; the hakem is seat 0. */
  private Game afterMoves(Suit trump, String... plays) {
    Game game = Game.arranged(3, Rules.STANDARD, 0, Deals.pack(0, GameRulesTest.mixedHands()));
    assertThat(game.apply(new Move.ChooseTrump(0, trump)).isAccepted()).isTrue();
    for (String play : plays) {
      Move move = new Move.PlayCard(game.turn(), Card.parse(play));
      assertThat(game.apply(move).isAccepted()).as("%s", move).isTrue();
    }
    return game;
  }

  private Card heuristicPlays(Game game) {
    return bot.playCard(game.viewFor(game.turn()));
  }

  @Test
  void choosesTheTrumpFromItsLongestSuitOfFiveCards() {
    Game game =
        Game.arranged(
            1,
            Rules.STANDARD,
            0,
            Deals.pack(
                0,
                List.of(
                    cards("2H 9H QH AS 3D 2S 3S 4S 5S 6S 7S 8S 9S"),
                    cards("10S JS QS KS 4D 5D 6D 7D 8D 9D 10D JD QD"),
                    cards("2C 3C 4C 5C 6C 7C 8C 9C 10C JC QC KC AC"),
                    cards("KD AD 3H 4H 5H 6H 7H 8H 10H JH KH AH 2D"))));
    assertThat(bot.chooseTrump(game.viewFor(0))).isEqualTo(Suit.HEARTS);
  }

  @Test
  void breaksATieInLengthByStrength() {
    Game game =
        Game.arranged(
            1,
            Rules.STANDARD,
            0,
            Deals.pack(
                0,
                List.of(
                    cards("2H 3H AS KS 4D 2S 3S 4S 5S 6S 7S 8S 9S"),
                    cards("10S JS QS 5D 6D 7D 8D 9D 10D JD QD KD AD"),
                    cards("2C 3C 4C 5C 6C 7C 8C 9C 10C JC QC KC AC"),
                    cards("4H 5H 6H 7H 8H 9H 10H JH QH KH AH 2D 3D"))));
    assertThat(bot.chooseTrump(game.viewFor(0))).isEqualTo(Suit.SPADES);
  }

  @Test
  void doesNotOvertakeAPartnerWhoIsWinning() {
    Game game = afterMoves(Suit.CLUBS, "10S", "3S");
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("4S"));
  }

  @Test
  void winsTheTrickWithTheCheapestCardThatBeatsTheOpponent() {
    Game game = afterMoves(Suit.CLUBS, "10S", "QS");
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("KS"));
  }

  @Test
  void playsLowWhenItCannotWin() {
    Game game = afterMoves(Suit.CLUBS, "AS");
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("3S"));
  }

  @Test
  void trumpsInWithItsLowestTrumpWhenVoidAndAnOpponentIsWinning() {
    Game game = afterMoves(Suit.CLUBS, "10S", "QS", "KS");
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("4C"));
  }

  @Test
  void discardsItsLowestSideCardRatherThanTrumpingItsPartner() {
    Game game = afterMoves(Suit.CLUBS, "2S", "QS", "4S");
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("4D"));
  }

  @Test
  void leadsTheMasterOfTheSideSuitTheOthersHoldMostOf() {
    // Seat 0 holds the ace of spades and of hearts; nine hearts are out against four spades.
    Game game = afterMoves(Suit.CLUBS);
    assertThat(heuristicPlays(game)).isEqualTo(Card.parse("AH"));
  }

  @Test
  void theHeuristicTeamBeatsTheRandomTeamClearly() {
    int games = 1000;
    int heuristicWins = 0;
    for (long seed = 0; seed < games; seed++) {
      boolean heuristicIsTeam1 = seed % 2 == 0;
      Bot random = new RandomBot(seed * 31 + 7);
      Bot[] bots = heuristicIsTeam1 ? Simulation.bots(bot, random) : Simulation.bots(random, bot);
      Simulation sim = Simulation.play(seed, Rules.STANDARD, bots);
      if (sim.game.winnerTeam() == (heuristicIsTeam1 ? 1 : 2)) {
        heuristicWins++;
      }
    }
    double rate = heuristicWins / (double) games;
    System.out.printf(
        "heuristic team won %d of %d games against random (%.1f%%)%n",
        heuristicWins, games, rate * 100);
    assertThat(rate).isGreaterThan(0.80);
  }

  @Test
  void randomBotsOnlyEverPlayLegalCards() {
    for (long seed = 0; seed < 200; seed++) {
      Game game =
          Simulation.play(
                  seed, Rules.STANDARD, Simulation.bots(new RandomBot(seed), new RandomBot(~seed)))
              .game;
      assertThat(game.endReason()).isEqualTo(EndReason.FINISHED);
    }
  }
}
