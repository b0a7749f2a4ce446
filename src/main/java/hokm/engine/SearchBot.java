package hokm.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Plays by looking ahead (determinized Monte Carlo). For each decision it deals the cards its seat
 * has not seen at random, in every way its seat's view allows (each hand gets the number of cards
 * it holds, and no player gets a suit they showed void in by not following), plays the rest of the
 * hand out on each deal once per possible move, every seat following the {@link HeuristicBot}'s
 * rules, and picks the move whose hands end best on average: the chance of winning the game from
 * the scores each leaves ({@link GameValue}), then the tricks.
 *
 * <p>It decides from its {@link SeatView} alone. Its budget is a number of playouts per decision;
 * with the same seed and view it makes the same decision, on any machine: the random deals of a
 * decision are drawn from the seed and the view. A time cap can cut a decision short (a safety net
 * for servers; zero turns it off, as tests do).
 *
 * <p>Cards that are next to each other in a suit once the cards played are left out (the nine and
 * ten of hearts when the jack is gone or also in the hand) are the same move, and only the lowest
 * is tried. The first-hakem ceremony tells nothing about the hands: every hand is shuffled anew.
 */
public final class SearchBot implements Bot {
  /** Playouts per decision of the strongest level. */
  public static final int DEFAULT_PLAYOUTS = 2000;

  private static final double TRICK_WEIGHT = 0.002;

  private final long seed;
  private final int playouts;
  private final long timeCapNanos;

  /**
   * @param seed decisions are a function of this seed and the view
   * @param playouts hands played out per decision (at least one deal per move is always tried)
   * @param timeCapNanos a decision stops dealing after this long; 0 for no cap
   */
  public SearchBot(long seed, int playouts, long timeCapNanos) {
    if (playouts < 1) {
      throw new IllegalArgumentException("playouts must be at least 1");
    }
    if (timeCapNanos < 0) {
      throw new IllegalArgumentException("timeCapNanos must not be negative");
    }
    this.seed = seed;
    this.playouts = playouts;
    this.timeCapNanos = timeCapNanos;
  }

  /** The strongest level without a time cap. */
  public SearchBot(long seed) {
    this(seed, DEFAULT_PLAYOUTS, 0L);
  }

  public int playouts() {
    return playouts;
  }

  public long timeCapNanos() {
    return timeCapNanos;
  }

  /** The same bot with another budget (a server under load plays on with fewer playouts). */
  public SearchBot withPlayouts(int newPlayouts) {
    return newPlayouts == playouts ? this : new SearchBot(seed, newPlayouts, timeCapNanos);
  }

  @Override
  public Suit chooseTrump(SeatView view) {
    PublicView table = view.table();
    int me = view.seat();
    long hand = view.hand().bits();
    DealSampler sampler = new DealSampler();
    sampler.reset(CardSet.ALL_BITS & ~hand);
    for (int s = 0; s < Seats.COUNT; s++) {
      // The hakem will receive eight more cards; the others hold all thirteen.
      sampler.setCapacity(s, s == me ? 13 - Long.bitCount(hand) : 13);
    }
    sampler.prepare();
    Playout base = new Playout();
    base.leader = me;
    base.turn = me;
    Playout work = new Playout();
    SplitMix64 random = new SplitMix64(decisionSeed(view));
    double[] values = new double[4];
    int deals = Math.max(1, playouts / 4);
    long start = timeCapNanos > 0 ? System.nanoTime() : 0L;
    for (int d = 0; d < deals; d++) {
      Arrays.fill(base.hands, 0L);
      base.hands[me] = hand;
      sampler.sample(random, base.hands);
      for (int suit = 0; suit < 4; suit++) {
        base.trump = suit;
        work.copyFrom(base);
        work.finishWithHeuristic();
        values[suit] += value(work, me, me, table);
      }
      if (timeCapNanos > 0 && System.nanoTime() - start > timeCapNanos) {
        break;
      }
    }
    int best = 0;
    for (int suit = 1; suit < 4; suit++) {
      if (values[suit] > values[best]) {
        best = suit;
      }
    }
    return Suit.all().get(best);
  }

  @Override
  public Card playCard(SeatView view) {
    long legal = view.legal().bits();
    if (Long.bitCount(legal) == 1) {
      return Card.of(Long.numberOfTrailingZeros(legal));
    }
    PublicView table = view.table();
    int me = view.seat();
    long hand = view.hand().bits();
    long played = table.playedThisHand().bits();
    long unseen = CardSet.ALL_BITS & ~hand & ~played;
    long onTable = 0L;
    for (PlayedCard card : table.table()) {
      onTable |= card.card().bit();
    }
    // The cards on the table still count in this trick: they separate runs too.
    int[] moves = distinctMoves(legal, unseen | onTable);
    if (moves.length == 1) {
      return Card.of(moves[0]);
    }

    Playout base = new Playout();
    base.trump = table.trump().ordinal();
    base.played = played;
    base.turn = me;
    base.leader = table.table().isEmpty() ? me : table.table().get(0).seat();
    for (PlayedCard card : table.table()) {
      base.table[base.tableCount++] = card.card().index();
    }
    base.tricks[0] = table.trickCounts().team1();
    base.tricks[1] = table.trickCounts().team2();

    DealSampler sampler = constraints(view, unseen);
    Playout work = new Playout();
    SplitMix64 random = new SplitMix64(decisionSeed(view));
    double[] values = new double[moves.length];
    int deals = Math.max(1, playouts / moves.length);
    long start = timeCapNanos > 0 ? System.nanoTime() : 0L;
    for (int d = 0; d < deals; d++) {
      Arrays.fill(base.hands, 0L);
      base.hands[me] = hand;
      sampler.sample(random, base.hands);
      for (int m = 0; m < moves.length; m++) {
        work.copyFrom(base);
        work.play(moves[m]);
        work.finishWithHeuristic();
        values[m] += value(work, me, table.hakem(), table);
      }
      if (timeCapNanos > 0 && System.nanoTime() - start > timeCapNanos) {
        break;
      }
    }
    int best = 0;
    for (int m = 1; m < moves.length; m++) {
      if (values[m] > values[best]) {
        best = m;
      }
    }
    return Card.of(moves[best]);
  }

  /** What the seat knows of the others' hands: how many cards each holds, and their voids. */
  static DealSampler constraints(SeatView view, long unseen) {
    PublicView table = view.table();
    int[] playedBy = new int[Seats.COUNT];
    DealSampler sampler = new DealSampler();
    sampler.reset(unseen);
    for (Trick trick : table.tricks()) {
      noteVoids(sampler, trick.cards(), playedBy);
    }
    noteVoids(sampler, table.table(), playedBy);
    for (int s = 0; s < Seats.COUNT; s++) {
      sampler.setCapacity(s, s == view.seat() ? 0 : 13 - playedBy[s]);
    }
    sampler.prepare();
    return sampler;
  }

  private static void noteVoids(DealSampler sampler, List<PlayedCard> cards, int[] playedBy) {
    if (cards.isEmpty()) {
      return;
    }
    Suit led = cards.get(0).card().suit();
    for (PlayedCard played : cards) {
      playedBy[played.seat()]++;
      if (played.card().suit() != led) {
        sampler.setVoid(played.seat(), led.ordinal());
      }
    }
  }

  /**
   * The legal cards with one card kept per run of cards that no card of {@code separators}
   * separates (the lowest of the run): playing any card of a run is the same move.
   */
  static int[] distinctMoves(long legal, long separators) {
    int[] moves = new int[Long.bitCount(legal)];
    int n = 0;
    int previous = -1;
    for (long rest = legal; rest != 0L; rest &= rest - 1) {
      int card = Long.numberOfTrailingZeros(rest);
      boolean sameRun =
          previous >= 0
              && Playout.suitOf(previous) == Playout.suitOf(card)
              && (separators & ((1L << card) - (1L << previous))) == 0L;
      if (!sameRun) {
        moves[n++] = card;
      }
      previous = card;
    }
    return Arrays.copyOf(moves, n);
  }

  /** The end of a hand played out, for {@code me}: the game's chance, then the tricks. */
  private static double value(Playout done, int me, int hakem, PublicView table) {
    int myTeam = me & 1;
    boolean won = done.winner == myTeam;
    int loserTricks = done.tricks[1 - done.winner];
    int points = GameValue.points(table.rules(), (hakem & 1) == done.winner, loserTricks);
    int mine = table.scores().of(myTeam + 1);
    int theirs = table.scores().of(2 - myTeam);
    double chance =
        won
            ? GameValue.afterHand(table.rules(), mine + points, theirs, true)
            : GameValue.afterHand(table.rules(), mine, theirs + points, false);
    return chance + TRICK_WEIGHT * (done.tricks[myTeam] - done.tricks[1 - myTeam]);
  }

  /** A seed for one decision, from the bot's seed and everything in the view. */
  private long decisionSeed(SeatView view) {
    PublicView table = view.table();
    long h = SplitMix64.mix(seed ^ 0x5EA2C4B07L);
    h = SplitMix64.mix(h ^ view.seat() ^ ((long) table.hand() << 8) ^ ((long) table.hakem() << 40));
    h = SplitMix64.mix(h ^ view.hand().bits());
    h = SplitMix64.mix(h ^ (table.trump() == null ? 7 : table.trump().ordinal()));
    h = SplitMix64.mix(h ^ table.scores().team1() ^ ((long) table.scores().team2() << 16));
    for (Trick trick : table.tricks()) {
      for (PlayedCard played : trick.cards()) {
        h = SplitMix64.mix(h ^ played.card().index() ^ ((long) played.seat() << 6));
      }
    }
    for (PlayedCard played : table.table()) {
      h = SplitMix64.mix(h ^ played.card().index() ^ ((long) played.seat() << 6) ^ (1L << 9));
    }
    return h;
  }
}
