package hokm.engine;

import static hokm.engine.Deals.cards;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hokm.engine.GameEvent.CardPlayed;
import hokm.engine.GameEvent.CardsDealt;
import hokm.engine.GameEvent.GameOver;
import hokm.engine.GameEvent.HakemChosen;
import hokm.engine.GameEvent.HandOver;
import hokm.engine.GameEvent.HandStarted;
import hokm.engine.GameEvent.TrickWon;
import hokm.engine.GameEvent.TrumpChosen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GameRulesTest {

  /**
   * A deal where every seat holds one whole suit, dealt in pack order: seat 0 spades, seat 1
   * hearts, seat 2 diamonds, seat 3 clubs.
   */
  private static Game suitPerSeat(int hakem, Rules rules) {
    List<List<Card>> hands = new ArrayList<>();
    for (Suit suit : Suit.all()) {
      hands.add(
          new ArrayList<>(Card.deck().subList(suit.ordinal() * 13, suit.ordinal() * 13 + 13)));
    }
    return Game.arranged(1L, rules, hakem, Deals.pack(hakem, hands));
  }

  /**
   * Seat 0: AS 10S 2S + spades and hearts; seat 1: QS 3S + hearts; seat 2: KS 4S + diamonds; seat
   * 3: diamonds and clubs only (no spades).
   */
  static List<List<Card>> mixedHands() {
    return List.of(
        cards("AS 10S 2S 5S 6S 7S 8S 9S JS AH KH QH JH"),
        cards("QS 3S 2H 3H 4H 5H 6H 7H 8H 9H 10H 2C 3C"),
        cards("KS 4S 2D 3D 5D 6D 7D 8D 9D 10D JD QD KD"),
        cards("4D AD 4C 5C 6C 7C 8C 9C 10C JC QC KC AC"));
  }

  private static List<GameEvent> accept(Game game, Move move) {
    MoveResult result = game.apply(move);
    assertThat(result.isAccepted()).as("%s should be accepted, was %s", move, result).isTrue();
    return result.events();
  }

  private static Move play(int seat, String card) {
    return new Move.PlayCard(seat, Card.parse(card));
  }

  @Nested
  class FirstHakem {
    @Test
    void cardsAreDealtFaceUpUntilTheFirstAce() {
      for (long seed = 0; seed < 500; seed++) {
        HakemChosen ceremony = Game.start(seed, Rules.STANDARD).ceremony();
        List<Card> dealt = ceremony.dealt();
        assertThat(dealt).isNotEmpty();
        assertThat(dealt.get(dealt.size() - 1).rank()).isEqualTo(Rank.ACE);
        assertThat(dealt.subList(0, dealt.size() - 1)).noneMatch(c -> c.rank() == Rank.ACE);
        assertThat(dealt).doesNotHaveDuplicates();
        assertThat(ceremony.hakem()).isEqualTo((ceremony.firstSeat() + dealt.size() - 1) % 4);
      }
    }

    @Test
    void theCeremonyIsReproducibleFromTheSeedAndVariesAcrossSeeds() {
      assertThat(Game.start(42, Rules.STANDARD).ceremony())
          .isEqualTo(Game.start(42, Rules.STANDARD).ceremony());
      long distinctHakems =
          java.util.stream.LongStream.range(0, 200)
              .mapToInt(seed -> Game.start(seed, Rules.STANDARD).hakem())
              .distinct()
              .count();
      assertThat(distinctHakems).isEqualTo(4);
    }

    @Test
    void theGameOpensWithTheCeremonyThenFiveCardsEachFromTheHakem() {
      Game game = Game.start(7, Rules.STANDARD);
      List<GameEvent> events = game.openingEvents();
      assertThat(events.get(0)).isInstanceOf(HakemChosen.class);
      assertThat(events.get(1)).isEqualTo(new HandStarted(1, game.hakem()));
      for (int i = 0; i < 4; i++) {
        CardsDealt dealt = (CardsDealt) events.get(2 + i);
        assertThat(dealt.seat()).isEqualTo((game.hakem() + i) % 4);
        assertThat(dealt.cards().size()).isEqualTo(5);
        assertThat(dealt.isPrivate()).isTrue();
      }
      assertThat(game.phase()).isEqualTo(Phase.CHOOSING_TRUMP);
      assertThat(game.turn()).isEqualTo(game.hakem());
    }
  }

  @Nested
  class Dealing {
    @Test
    void fiveCardsEachBeforeTheTrumpThenThirteenEachWithEveryCardOnce() {
      Game game = Game.start(99, Rules.STANDARD);
      for (int seat = 0; seat < 4; seat++) {
        assertThat(game.hand(seat).size()).isEqualTo(5);
      }
      List<GameEvent> events = accept(game, new Move.ChooseTrump(game.hakem(), Suit.HEARTS));
      assertThat(events.get(0)).isEqualTo(new TrumpChosen(game.hakem(), Suit.HEARTS));
      CardSet all = CardSet.EMPTY;
      for (int seat = 0; seat < 4; seat++) {
        CardSet hand = game.hand(seat);
        assertThat(hand.size()).isEqualTo(13);
        assertThat(all.intersects(hand)).isFalse();
        all = all.union(hand);
        assertThat(game.dealtHand(seat)).isEqualTo(hand);
      }
      assertThat(all.size()).isEqualTo(52);
      List<CardsDealt> deals =
          events.stream().filter(CardsDealt.class::isInstance).map(CardsDealt.class::cast).toList();
      assertThat(deals).hasSize(4);
      for (CardsDealt deal : deals) {
        assertThat(deal.cards().size()).isEqualTo(8);
        assertThat(deal.hand()).isEqualTo(game.hand(deal.seat()));
      }
      assertThat(game.phase()).isEqualTo(Phase.PLAYING);
      assertThat(game.turn()).as("the hakem leads the first trick").isEqualTo(game.hakem());
    }

    @Test
    void theArrangedPackDealsTheHandsAsWritten() {
      Game game = suitPerSeat(2, Rules.STANDARD);
      assertThat(game.hand(2)).isEqualTo(CardSet.of(cards("2D 3D 4D 5D 6D")));
      accept(game, new Move.ChooseTrump(2, Suit.CLUBS));
      assertThat(game.hand(0).count(Suit.SPADES)).isEqualTo(13);
      assertThat(game.hand(3).count(Suit.CLUBS)).isEqualTo(13);
    }
  }

  @Nested
  class Tricks {
    @Test
    void aPlayerMustFollowTheSuitLedIfAble() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
      accept(game, play(0, "AS"));
      assertThat(game.apply(play(1, "2H")).rejection()).isEqualTo(Rejection.MUST_FOLLOW_SUIT);
      assertThat(game.legalCards(1)).isEqualTo(game.hand(1).ofSuit(Suit.SPADES));
      accept(game, play(1, "3S"));
    }

    @Test
    void aPlayerWithoutTheSuitLedMayPlayAnyCard() {
      Game game = suitPerSeat(0, Rules.STANDARD);
      accept(game, new Move.ChooseTrump(0, Suit.HEARTS));
      accept(game, play(0, "2S"));
      assertThat(game.legalCards(1)).isEqualTo(game.hand(1));
      accept(game, play(1, "2H"));
    }

    @Test
    void theHighestCardOfTheSuitLedWinsWhenNoTrumpIsPlayed() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
      accept(game, play(0, "10S"));
      accept(game, play(1, "QS"));
      accept(game, play(2, "KS"));
      List<GameEvent> events = accept(game, play(3, "4D"));
      assertThat(events).contains(new TrickWon(2, 1, new TeamCounts(1, 0)));
      assertThat(game.turn()).as("the winner leads the next trick").isEqualTo(2);
      assertThat(game.tableCards()).isEmpty();
    }

    @Test
    void theHighestTrumpWinsEvenOverHigherCardsOfTheSuitLed() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      accept(game, new Move.ChooseTrump(0, Suit.DIAMONDS));
      accept(game, play(0, "10S"));
      accept(game, play(1, "QS"));
      accept(game, play(2, "KS"));
      List<GameEvent> events = accept(game, play(3, "4D"));
      assertThat(events).contains(new TrickWon(3, 2, new TeamCounts(0, 1)));
    }

    @Test
    void anOffSuitCardThatIsNotTrumpNeverWins() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
      accept(game, play(0, "2S"));
      accept(game, play(1, "3S"));
      accept(game, play(2, "4S"));
      List<GameEvent> events = accept(game, play(3, "AD"));
      assertThat(events).contains(new TrickWon(2, 1, new TeamCounts(1, 0)));
    }

    @Test
    void playGoesRoundInSeatOrderFromTheLeader() {
      Game game = Game.arranged(1, Rules.STANDARD, 3, Deals.pack(3, mixedHands()));
      accept(game, new Move.ChooseTrump(3, Suit.CLUBS));
      assertThat(game.turn()).isEqualTo(3);
      accept(game, play(3, "4D"));
      assertThat(game.turn()).isEqualTo(0);
      assertThat(game.apply(play(2, "2D")).rejection()).isEqualTo(Rejection.NOT_YOUR_TURN);
    }
  }

  @Nested
  class HandsAndScoring {
    @Test
    void kotScoresTwoWhenTheHakemsTeamTakesSevenTricksToNone() {
      Game game =
          Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, Deals.oneSuitTo(0, Suit.SPADES)));
      accept(game, new Move.ChooseTrump(0, Suit.SPADES));
      List<GameEvent> events = playTricksLeadingLowest(game, 7);
      HandOver over = only(events, HandOver.class);
      assertThat(over)
          .isEqualTo(
              new HandOver(1, 1, 2, true, false, new TeamCounts(7, 0), new TeamCounts(2, 0), 0));
      assertThat(game.hakem()).as("the hakem's team won: he stays").isEqualTo(0);
      assertThat(game.handNumber()).isEqualTo(2);
      assertThat(game.phase()).isEqualTo(Phase.CHOOSING_TRUMP);
    }

    @Test
    void theHandEndsAtSevenTricksWithSixCardsUnplayed() {
      Game game =
          Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, Deals.oneSuitTo(0, Suit.SPADES)));
      accept(game, new Move.ChooseTrump(0, Suit.SPADES));
      List<GameEvent> sixTricks = playTricksLeadingLowest(game, 6);
      assertThat(sixTricks).noneMatch(HandOver.class::isInstance);
      assertThat(game.hand(0).size()).isEqualTo(7);
      List<GameEvent> seventh = playTricksLeadingLowest(game, 1);
      assertThat(seventh).anyMatch(HandOver.class::isInstance);
      assertThat(seventh.get(seventh.size() - 1)).isInstanceOf(CardsDealt.class);
      for (int seat = 0; seat < 4; seat++) {
        assertThat(game.hand(seat).size()).as("a fresh deal").isEqualTo(5);
      }
    }

    @Test
    void hakemKotScoresThreeAndPassesTheHakemToTheNextSeat() {
      Game game =
          Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, Deals.oneSuitTo(1, Suit.SPADES)));
      accept(game, new Move.ChooseTrump(0, Suit.SPADES));
      List<GameEvent> events = playTricksLeadingLowest(game, 7);
      HandOver over = only(events, HandOver.class);
      assertThat(over)
          .isEqualTo(
              new HandOver(1, 2, 3, false, true, new TeamCounts(0, 7), new TeamCounts(0, 3), 1));
      assertThat(game.hakem()).isEqualTo(1);
      assertThat(game.turn()).isEqualTo(1);
    }

    @Test
    void withKotScoringOffEveryWonHandScoresOne() {
      Rules noKot = new Rules(7, false);
      Game kot = Game.arranged(1, noKot, 0, Deals.pack(0, Deals.oneSuitTo(0, Suit.SPADES)));
      accept(kot, new Move.ChooseTrump(0, Suit.SPADES));
      HandOver over = only(playTricksLeadingLowest(kot, 7), HandOver.class);
      assertThat(over.kot()).isTrue();
      assertThat(over.points()).isEqualTo(1);

      Game hakemKot = Game.arranged(1, noKot, 0, Deals.pack(0, Deals.oneSuitTo(1, Suit.SPADES)));
      accept(hakemKot, new Move.ChooseTrump(0, Suit.SPADES));
      HandOver lost = only(playTricksLeadingLowest(hakemKot, 7), HandOver.class);
      assertThat(lost.hakemKot()).isTrue();
      assertThat(lost.points()).isEqualTo(1);
    }

    @Test
    void sevenTricksAgainstSomeScoreOneAndTheHakemPassesWhenHisTeamLost() {
      for (long seed = 0; seed < 2000; seed++) {
        Simulation sim =
            Simulation.play(
                seed, new Rules(1, true), Simulation.bots(new RandomBot(seed), new HeuristicBot()));
        HandOver over = only(sim.events, HandOver.class);
        int loserTricks = over.tricks().of(3 - over.winnerTeam());
        if (loserTricks > 0) {
          assertThat(over.points()).isEqualTo(1);
          assertThat(over.tricks().of(over.winnerTeam())).isEqualTo(7);
          int hakem = sim.game.ceremony().hakem();
          boolean hakemWon = Seats.teamOf(hakem) == over.winnerTeam();
          assertThat(over.nextHakem()).isEqualTo(hakemWon ? hakem : (hakem + 1) % 4);
          return;
        }
      }
      throw new AssertionError("no hand ended 7 to some in 2000 seeds");
    }

    private List<GameEvent> playTricksLeadingLowest(Game game, int tricks) {
      List<GameEvent> events = new ArrayList<>();
      for (int t = 0; t < tricks; t++) {
        for (int i = 0; i < 4; i++) {
          int seat = game.turn();
          events.addAll(accept(game, new Move.PlayCard(seat, game.legalCards(seat).first())));
        }
      }
      return events;
    }
  }

  @Nested
  class EndOfGame {
    @Test
    void theGameEndsExactlyWhenATeamReachesTheTarget() {
      for (int target = 1; target <= 13; target += 4) {
        Simulation sim =
            Simulation.play(
                target,
                new Rules(target, true),
                Simulation.bots(new RandomBot(1), new RandomBot(2)));
        GameOver over = only(sim.events, GameOver.class);
        assertThat(over.reason()).isEqualTo(EndReason.FINISHED);
        assertThat(over.scores().of(over.winnerTeam())).isGreaterThanOrEqualTo(target);
        assertThat(over.scores().of(3 - over.winnerTeam())).isLessThan(target);
        List<HandOver> hands =
            sim.events.stream()
                .filter(HandOver.class::isInstance)
                .map(HandOver.class::cast)
                .toList();
        for (HandOver hand : hands.subList(0, hands.size() - 1)) {
          assertThat(Math.max(hand.scores().team1(), hand.scores().team2())).isLessThan(target);
        }
        assertThat(sim.game.phase()).isEqualTo(Phase.GAME_OVER);
        assertThat(sim.game.turn()).isEqualTo(-1);
        assertThat(sim.game.winnerTeam()).isEqualTo(over.winnerTeam());
      }
    }

    @Test
    void aForfeitEndsTheGameForTheOtherTeam() {
      Game game = Game.start(5, Rules.STANDARD);
      List<GameEvent> events = accept(game, new Move.Forfeit(2));
      assertThat(events).containsExactly(new GameOver(1, TeamCounts.ZERO, EndReason.FORFEIT));
      assertThat(game.winnerTeam()).isEqualTo(1);
      assertThat(game.endReason()).isEqualTo(EndReason.FORFEIT);
    }

    @Test
    void anAbandonedOrAbortedGameHasNoWinner() {
      Game game = Game.start(5, Rules.STANDARD);
      accept(game, new Move.ChooseTrump(game.hakem(), Suit.CLUBS));
      assertThat(accept(game, new Move.Stop(EndReason.ABANDONED)))
          .containsExactly(new GameOver(0, TeamCounts.ZERO, EndReason.ABANDONED));
      Game other = Game.start(5, Rules.STANDARD);
      accept(other, new Move.Stop(EndReason.ABORTED));
      assertThat(other.endReason()).isEqualTo(EndReason.ABORTED);
      assertThat(other.winnerTeam()).isZero();
    }

    @Test
    void nothingIsAcceptedAfterTheEnd() {
      Game game = Game.start(5, Rules.STANDARD);
      accept(game, new Move.Forfeit(1));
      assertThat(game.apply(new Move.ChooseTrump(game.hakem(), Suit.CLUBS)).rejection())
          .isEqualTo(Rejection.WRONG_PHASE);
      assertThat(game.apply(new Move.Forfeit(2)).rejection()).isEqualTo(Rejection.WRONG_PHASE);
      assertThat(game.apply(new Move.Stop(EndReason.ABORTED)).rejection())
          .isEqualTo(Rejection.WRONG_PHASE);
      assertThat(
              game.apply(play(game.hakem(), game.hand(game.hakem()).first().toString()))
                  .rejection())
          .isEqualTo(Rejection.WRONG_PHASE);
    }

    @Test
    void targetsOutsideOneToThirteenAreRefused() {
      assertThatThrownBy(() -> new Rules(0, true)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Rules(14, true)).isInstanceOf(IllegalArgumentException.class);
      assertThat(new Rules(13, false).targetPoints()).isEqualTo(13);
    }
  }

  @Nested
  class Rejections {
    @Test
    void everyReasonIsGivenAndARefusedMoveChangesNothing() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      int other = 1;
      assertRefused(game, new Move.ChooseTrump(other, Suit.CLUBS), Rejection.NOT_HAKEM);
      assertRefused(game, play(0, "AS"), Rejection.WRONG_PHASE);
      assertRefused(game, new Move.ChooseTrump(4, Suit.CLUBS), Rejection.INVALID_SEAT);
      assertRefused(game, new Move.ChooseTrump(-1, Suit.CLUBS), Rejection.INVALID_SEAT);
      assertRefused(game, new Move.ChooseTrump(0, null), Rejection.INVALID_MOVE);
      accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
      assertRefused(game, new Move.ChooseTrump(0, Suit.HEARTS), Rejection.WRONG_PHASE);
      assertRefused(game, play(1, "QS"), Rejection.NOT_YOUR_TURN);
      assertRefused(game, play(0, "QS"), Rejection.CARD_NOT_IN_HAND);
      assertRefused(game, new Move.PlayCard(0, null), Rejection.INVALID_MOVE);
      assertRefused(game, new Move.PlayCard(7, Card.parse("AS")), Rejection.INVALID_SEAT);
      assertRefused(game, new Move.Forfeit(3), Rejection.INVALID_MOVE);
      assertRefused(game, new Move.Stop(EndReason.FINISHED), Rejection.INVALID_MOVE);
      assertThat(game.check(null)).isEqualTo(Rejection.INVALID_MOVE);
      accept(game, play(0, "AS"));
      assertRefused(game, play(1, "2H"), Rejection.MUST_FOLLOW_SUIT);
      assertThat(java.util.EnumSet.allOf(Rejection.class))
          .as("every reason is provoked above")
          .hasSize(7);
    }

    private void assertRefused(Game game, Move move, Rejection expected) {
      String before = snapshot(game);
      int movesBefore = game.moves().size();
      MoveResult result = game.apply(move);
      assertThat(result.rejection()).as("%s", move).isEqualTo(expected);
      assertThat(result.events()).isEmpty();
      assertThat(game.check(move)).isEqualTo(expected);
      assertThat(snapshot(game)).isEqualTo(before);
      assertThat(game.moves()).hasSize(movesBefore);
    }
  }

  @Nested
  class Views {
    @Test
    void aSeatSeesItsOwnHandAndLegalCardsOnlyOnItsTurn() {
      Game game = Game.start(11, Rules.STANDARD);
      accept(game, new Move.ChooseTrump(game.hakem(), Suit.SPADES));
      for (int seat = 0; seat < 4; seat++) {
        SeatView view = game.viewFor(seat);
        assertThat(view.hand()).isEqualTo(game.hand(seat));
        assertThat(view.legal().isEmpty()).isEqualTo(seat != game.hakem());
        assertThat(view.table().trump()).isEqualTo(Suit.SPADES);
        for (int other = 0; other < 4; other++) {
          if (other != seat) {
            assertThat(view.hand().intersects(game.hand(other))).isFalse();
          }
        }
      }
    }

    @Test
    void thePublicViewShowsTheTableTricksAndScores() {
      Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
      accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
      accept(game, play(0, "10S"));
      accept(game, play(1, "QS"));
      PublicView view = game.publicView();
      assertThat(view.table())
          .containsExactly(
              new PlayedCard(0, Card.parse("10S")), new PlayedCard(1, Card.parse("QS")));
      assertThat(view.ledSuit()).isEqualTo(Suit.SPADES);
      accept(game, play(2, "KS"));
      accept(game, play(3, "4D"));
      view = game.publicView();
      assertThat(view.table()).isEmpty();
      assertThat(view.tricks()).hasSize(1);
      assertThat(view.tricks().get(0).winner()).isEqualTo(2);
      assertThat(view.trickCounts()).isEqualTo(new TeamCounts(1, 0));
      assertThat(view.playedThisHand().size()).isEqualTo(4);
      assertThat(view.turn()).isEqualTo(2);
    }
  }

  static String snapshot(Game game) {
    StringBuilder sb = new StringBuilder(game.toString());
    for (int seat = 0; seat < 4; seat++) {
      sb.append(game.hand(seat)).append(game.legalCards(seat));
    }
    return sb.append(game.tableCards())
        .append(game.completedTricks())
        .append(game.trickCountsNow())
        .toString();
  }

  static <T> T only(List<GameEvent> events, Class<T> type) {
    List<T> found = events.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("exactly one %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void cardPlayedEventsNameTheSeatAndCard() {
    Game game = Game.arranged(1, Rules.STANDARD, 0, Deals.pack(0, mixedHands()));
    accept(game, new Move.ChooseTrump(0, Suit.CLUBS));
    assertThat(accept(game, play(0, "AS"))).containsExactly(new CardPlayed(0, Card.parse("AS")));
  }
}
