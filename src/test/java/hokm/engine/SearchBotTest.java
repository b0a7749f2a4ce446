package hokm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchBotTest {
  /** A small budget: these tests are about what the bot may see and do, not how well it plays. */
  private static final int PLAYOUTS = 60;

  @Test
  void thePlayoutPlaysExactlyLikeTheHeuristicBot() {
    HeuristicBot heuristic = new HeuristicBot();
    int compared = 0;
    for (long seed = 0; seed < 300; seed++) {
      Game game = Game.start(seed, Rules.STANDARD);
      Bot random = new RandomBot(seed);
      while (!game.isOver()) {
        int seat = game.turn();
        SeatView view = game.viewFor(seat);
        if (game.phase() == Phase.PLAYING) {
          Card expected = heuristic.playCard(view);
          assertThat(Card.of(playoutOf(game).heuristicCard())).as("%s", view).isEqualTo(expected);
          compared++;
        }
        // Half the seats play at random, so the heuristic meets positions it would not reach.
        Bot mover = (seat & 1) == (seed & 1) ? heuristic : random;
        game.apply(mover.decide(view));
      }
    }
    assertThat(compared).isGreaterThan(50_000);
  }

  @Test
  void everySampledDealAgreesWithWhatTheSeatSaw() {
    SplitMix64 random = new SplitMix64(11);
    int voidsSeen = 0;
    for (long seed = 0; seed < 150; seed++) {
      Game game = Game.start(seed, new Rules(3, true));
      Bot bot = new RandomBot(seed);
      while (!game.isOver()) {
        int seat = game.turn();
        SeatView view = game.viewFor(seat);
        if (game.phase() == Phase.PLAYING) {
          long unseen = CardSet.ALL_BITS & ~view.hand().bits() & ~playedThisHand(view);
          long[] voids = voidsFromTricks(view);
          DealSampler sampler = SearchBot.constraints(view, unseen);
          for (int other = 0; other < 4; other++) {
            // The real hands are one of the deals the seat could be facing.
            assertThat(game.hand(other).bits() & voids[other]).isZero();
            if (voids[other] != 0L && other != seat) {
              voidsSeen++;
            }
          }
          for (int i = 0; i < 5; i++) {
            long[] hands = new long[4];
            sampler.sample(random, hands);
            long all = 0L;
            for (int other = 0; other < 4; other++) {
              assertThat(all & hands[other]).isZero();
              all |= hands[other];
              assertThat(Long.bitCount(hands[other]))
                  .isEqualTo(other == seat ? 0 : game.hand(other).size());
              assertThat(hands[other] & voids[other]).isZero();
            }
            assertThat(all).isEqualTo(unseen);
          }
        }
        game.apply(bot.decide(view));
      }
    }
    assertThat(voidsSeen).isGreaterThan(1000);
  }

  @Test
  void withoutVoidsTheDealIsUniform() {
    DealSampler sampler = new DealSampler();
    long unseen = CardSet.ALL_BITS & ~CardSet.suitMask(Suit.CLUBS);
    sampler.reset(unseen);
    sampler.setCapacity(0, 8);
    sampler.setCapacity(1, 13);
    sampler.setCapacity(2, 13);
    sampler.setCapacity(3, 5);
    sampler.prepare();
    SplitMix64 random = new SplitMix64(5);
    int deals = 20_000;
    int[][] counts = new int[4][Card.COUNT];
    for (int d = 0; d < deals; d++) {
      long[] hands = new long[4];
      sampler.sample(random, hands);
      for (int s = 0; s < 4; s++) {
        for (long rest = hands[s]; rest != 0L; rest &= rest - 1) {
          counts[s][Long.numberOfTrailingZeros(rest)]++;
        }
      }
    }
    int[] capacity = {8, 13, 13, 5};
    for (int s = 0; s < 4; s++) {
      double expected = deals * capacity[s] / 39.0;
      for (long rest = unseen; rest != 0L; rest &= rest - 1) {
        int card = Long.numberOfTrailingZeros(rest);
        // Five standard deviations at most: a fixed seed, so this never flickers.
        double sd = Math.sqrt(expected * (1 - capacity[s] / 39.0));
        assertThat(Math.abs(counts[s][card] - expected))
            .as("seat %d card %d", s, card)
            .isLessThan(5 * sd);
      }
    }
  }

  @Test
  void aSeatThatShowedTwoVoidsGetsOnlyTheOtherSuits() {
    DealSampler sampler = new DealSampler();
    long unseen = CardSet.ALL_BITS;
    sampler.reset(unseen);
    for (int s = 0; s < 4; s++) {
      sampler.setCapacity(s, 13);
    }
    sampler.setVoid(1, Suit.SPADES.ordinal());
    sampler.setVoid(1, Suit.HEARTS.ordinal());
    sampler.setVoid(2, Suit.DIAMONDS.ordinal());
    sampler.prepare();
    SplitMix64 random = new SplitMix64(3);
    for (int d = 0; d < 2000; d++) {
      long[] hands = new long[4];
      sampler.sample(random, hands);
      assertThat(hands[1] & (CardSet.suitMask(Suit.SPADES) | CardSet.suitMask(Suit.HEARTS)))
          .isZero();
      assertThat(hands[2] & CardSet.suitMask(Suit.DIAMONDS)).isZero();
      for (int s = 0; s < 4; s++) {
        assertThat(Long.bitCount(hands[s])).isEqualTo(13);
      }
    }
  }

  /**
   * The proof that the bot sees only its own seat: at each of its decisions in the first hand of
   * many games, the cards it cannot see are dealt again differently (as its view allows) into a new
   * game, the same moves are replayed there, and the bot, given the new game's view, which is equal
   * to the old one, decides the same. Whatever the other seats hold, the decision is the same.
   * (ArchitectureTest checks, besides, that the bots' code cannot reach a {@link Game}.)
   */
  @Test
  void itsDecisionsDependOnItsOwnSeatsViewOnly() {
    SplitMix64 random = new SplitMix64(99);
    int decisions = 0;
    int otherHandsDiffered = 0;
    for (long seed = 0; seed < 40; seed++) {
      Game game = Game.start(seed, Rules.STANDARD);
      SearchBot bot = new SearchBot(seed, PLAYOUTS, 0L);
      List<GameEvent.CardsDealt> firstFive = new ArrayList<>();
      for (GameEvent event : game.openingEvents()) {
        if (event instanceof GameEvent.CardsDealt dealt) {
          firstFive.add(dealt);
        }
      }
      while (!game.isOver() && game.handNumber() == 1) {
        int seat = game.turn();
        SeatView view = game.viewFor(seat);
        Move decision = bot.decide(view);

        Game other = redealtForSeat(game, seat, firstFive, random);
        SeatView otherView = other.viewFor(seat);
        assertThat(otherView.toString()).isEqualTo(view.toString());
        assertThat(bot.decide(otherView)).as("%s", view).isEqualTo(decision);
        decisions++;
        for (int s = 0; s < 4; s++) {
          if (s != seat && !other.hand(s).equals(game.hand(s))) {
            otherHandsDiffered++;
            break;
          }
        }
        assertThat(game.apply(decision).isAccepted()).isTrue();
      }
    }
    assertThat(decisions).isGreaterThan(500);
    assertThat(otherHandsDiffered).isGreaterThan(decisions * 8 / 10);
  }

  @Test
  void theSameSeedAndViewGiveTheSameDecisionAndGame() {
    for (long seed = 0; seed < 6; seed++) {
      List<Move> first = playAgainstHeuristic(seed, new SearchBot(seed * 3, PLAYOUTS, 0L));
      List<Move> second = playAgainstHeuristic(seed, new SearchBot(seed * 3, PLAYOUTS, 0L));
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void searchAndEasyBotsOnlyEverPlayLegalCards() {
    for (long seed = 0; seed < 30; seed++) {
      Bot search = new SearchBot(seed, 20, 0L);
      Bot easy = new EasyBot();
      Simulation one = Simulation.play(seed, Rules.STANDARD, Simulation.bots(search, easy));
      Simulation two =
          Simulation.play(seed, new Rules(3, false), Simulation.bots(new RandomBot(seed), search));
      assertThat(one.game.endReason()).isEqualTo(EndReason.FINISHED);
      assertThat(two.game.endReason()).isEqualTo(EndReason.FINISHED);
    }
  }

  @Test
  void aTinyTimeCapStillGivesALegalMove() {
    Game game = Game.start(4, Rules.STANDARD);
    Bot bot = new SearchBot(1, 1_000_000, 1L);
    while (!game.isOver() && game.handNumber() == 1) {
      Move move = bot.decide(game.viewFor(game.turn()));
      assertThat(game.apply(move).isAccepted()).isTrue();
    }
  }

  @Test
  void cardsNextToEachOtherOnceThePlayedAreLeftOutAreOneMove() {
    CardSet legal = CardSet.of(Deals.cards("9H 10H QH 2S 3S 5S"));
    // The jack of hearts is unseen; the four of spades was played, so 2S, 3S and 5S are one run.
    long unseen = CardSet.of(Deals.cards("JH KH AH 6S")).bits();
    assertThat(SearchBot.distinctMoves(legal.bits(), unseen))
        .containsExactly(index("2S"), index("9H"), index("QH"));
    // A four of spades on the table (played in this trick) still separates the three from the five.
    long withTable = unseen | Card.parse("4S").bit();
    assertThat(SearchBot.distinctMoves(legal.bits(), withTable))
        .containsExactly(index("2S"), index("5S"), index("9H"), index("QH"));
  }

  private static int index(String card) {
    return Card.parse(card).index();
  }

  @Test
  void theValueOfAHandFollowsTheScore() {
    Rules rules = Rules.STANDARD;
    assertThat(GameValue.afterHand(rules, 7, 3, true)).isEqualTo(1.0);
    assertThat(GameValue.afterHand(rules, 3, 8, false)).isEqualTo(0.0);
    // At 0-0, winning a hand (and so holding the hakem) is worth more than half a game.
    assertThat(GameValue.afterHand(rules, 1, 0, true)).isGreaterThan(0.5);
    assertThat(GameValue.afterHand(rules, 0, 1, false)).isLessThan(0.5);
    // A kot (two points) is worth more than one point, and a hakem kot (three) more still.
    assertThat(GameValue.afterHand(rules, 2, 0, true))
        .isGreaterThan(GameValue.afterHand(rules, 1, 0, true));
    assertThat(GameValue.afterHand(rules, 3, 0, true))
        .isGreaterThan(GameValue.afterHand(rules, 2, 0, true));
    for (int mine = 0; mine < 7; mine++) {
      for (int theirs = 0; theirs < 7; theirs++) {
        for (boolean hakem : new boolean[] {false, true}) {
          double chance = GameValue.afterHand(rules, mine, theirs, hakem);
          assertThat(chance).isBetween(0.0, 1.0);
          assertThat(GameValue.afterHand(rules, mine + 1, theirs, hakem))
              .isGreaterThanOrEqualTo(chance);
        }
      }
    }
  }

  private static List<Move> playAgainstHeuristic(long seed, Bot search) {
    Bot heuristic = new HeuristicBot();
    return Simulation.play(seed, new Rules(2, true), Simulation.bots(search, heuristic))
        .game
        .moves();
  }

  /**
   * A game of the same first hand in which every card {@code seat} has not seen is dealt again at
   * random (keeping what it saw: each hand's size, the cards played, the voids shown), with the
   * same moves replayed.
   */
  private static Game redealtForSeat(
      Game game, int seat, List<GameEvent.CardsDealt> firstFive, SplitMix64 random) {
    SeatView view = game.viewFor(seat);
    long played = playedThisHand(view);
    long[] hands = new long[4];
    long mine;
    if (game.phase() == Phase.CHOOSING_TRUMP) {
      DealSampler sampler = new DealSampler();
      sampler.reset(CardSet.ALL_BITS & ~view.hand().bits());
      for (int s = 0; s < 4; s++) {
        sampler.setCapacity(s, s == seat ? 8 : 13);
      }
      sampler.prepare();
      sampler.sample(random, hands);
      mine = view.hand().bits() | hands[seat];
    } else {
      long unseen = CardSet.ALL_BITS & ~view.hand().bits() & ~played;
      SearchBot.constraints(view, unseen).sample(random, hands);
      mine = game.fullDeal(seat).bits();
      for (int s = 0; s < 4; s++) {
        hands[s] |= game.fullDeal(s).bits() & played;
      }
    }
    hands[seat] = mine;
    List<List<Card>> deal = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      List<Card> cards = new ArrayList<>();
      if (s == seat) {
        // The seat's own first five stay its first five: the trump was chosen from them.
        List<Card> five = firstFive.get((s - game.hakem() + 4) % 4).cards().toList();
        cards.addAll(five);
        cards.addAll(CardSet.ofBits(mine).minus(CardSet.of(five)).toList());
      } else {
        cards.addAll(CardSet.ofBits(hands[s]).toList());
      }
      deal.add(cards);
    }
    Game other =
        Game.arranged(game.seed(), game.rules(), game.hakem(), Deals.pack(game.hakem(), deal));
    for (Move move : game.moves()) {
      assertThat(other.apply(move).isAccepted()).as("%s in the new deal", move).isTrue();
    }
    return other;
  }

  private static long playedThisHand(SeatView view) {
    return view.table().playedThisHand().bits();
  }

  /** The suits each seat showed void in, read from the tricks independently of the bot. */
  private static long[] voidsFromTricks(SeatView view) {
    long[] voids = new long[4];
    List<List<PlayedCard>> tricks = new ArrayList<>();
    for (Trick trick : view.table().tricks()) {
      tricks.add(trick.cards());
    }
    tricks.add(view.table().table());
    for (List<PlayedCard> trick : tricks) {
      for (PlayedCard played : trick) {
        Suit led = trick.get(0).card().suit();
        if (played.card().suit() != led) {
          voids[played.seat()] |= CardSet.suitMask(led);
        }
      }
    }
    return voids;
  }

  static Playout playoutOf(Game game) {
    Playout playout = new Playout();
    for (int s = 0; s < 4; s++) {
      playout.hands[s] = game.hand(s).bits();
    }
    PublicView view = game.publicView();
    playout.played = view.playedThisHand().bits();
    playout.trump = game.trump().ordinal();
    playout.turn = game.turn();
    List<PlayedCard> table = game.tableCards();
    playout.leader = table.isEmpty() ? game.turn() : table.get(0).seat();
    for (PlayedCard card : table) {
      playout.table[playout.tableCount++] = card.card().index();
    }
    playout.tricks[0] = view.trickCounts().team1();
    playout.tricks[1] = view.trickCounts().team2();
    return playout;
  }
}
