package hokm.engine;

/**
 * Deals the cards a seat has not seen to the hands that may hold them, at random: each seat gets as
 * many cards as it holds, and never a card of a suit it showed void in. Every deal it makes is one
 * the seat could be facing.
 *
 * <p>Cards are dealt one at a time, each to a seat chosen in proportion to the room left in its
 * hand among the seats that may take it and leave the rest dealable (Hall's condition, checked per
 * suit over the at most 15 sets of seats). Without voids this is exactly a uniform deal; with voids
 * it stays close to uniform and never reaches a dead end.
 */
final class DealSampler {
  private static final int ALL_SUITS = 0b1111;

  private final int[] capacity = new int[Seats.COUNT];
  private final int[] allowedSuits = new int[Seats.COUNT];
  private long unseen;

  private final int[] left = new int[Seats.COUNT];
  private final int[] suitLeft = new int[4];
  private final int[] seatsForSuit = new int[4];
  private final int[] suitsInside = new int[16];
  private final int[] cards = new int[Card.COUNT];
  private final int[] weight = new int[Seats.COUNT];
  private boolean constrained;

  /** Starts a new set of constraints: nobody takes any card. */
  void reset(long unseen) {
    this.unseen = unseen;
    for (int s = 0; s < Seats.COUNT; s++) {
      capacity[s] = 0;
      allowedSuits[s] = ALL_SUITS;
    }
  }

  /** The seat still holds (or will receive) {@code count} cards the sampling seat has not seen. */
  void setCapacity(int seat, int count) {
    capacity[seat] = count;
  }

  /** The seat showed it holds no card of this suit. */
  void setVoid(int seat, int suit) {
    allowedSuits[seat] &= ~(1 << suit);
  }

  /**
   * Checks that the constraints can be met and prepares the sampling.
   *
   * @throws IllegalStateException when no deal meets them (the view contradicts itself)
   */
  void prepare() {
    int total = 0;
    constrained = false;
    for (int s = 0; s < Seats.COUNT; s++) {
      total += capacity[s];
      if (capacity[s] > 0 && allowedSuits[s] != ALL_SUITS) {
        constrained = true;
      }
    }
    if (total != Long.bitCount(unseen)) {
      throw new IllegalStateException(
          "hands hold " + total + " unseen cards, " + Long.bitCount(unseen) + " are unseen");
    }
    for (int suit = 0; suit < 4; suit++) {
      int seats = 0;
      for (int s = 0; s < Seats.COUNT; s++) {
        if (capacity[s] > 0 && (allowedSuits[s] & (1 << suit)) != 0) {
          seats |= 1 << s;
        }
      }
      seatsForSuit[suit] = seats;
      suitLeft[suit] = Long.bitCount(unseen & Playout.suitMask(suit));
    }
    for (int set = 1; set < 16; set++) {
      int suits = 0;
      for (int suit = 0; suit < 4; suit++) {
        if ((seatsForSuit[suit] & ~set) == 0) {
          suits |= 1 << suit;
        }
      }
      suitsInside[set] = suits;
    }
    System.arraycopy(capacity, 0, left, 0, Seats.COUNT);
    if (!feasible()) {
      throw new IllegalStateException("no deal agrees with what the seat has seen");
    }
  }

  /** Adds a random deal of the unseen cards to {@code hands} (one mask per seat). */
  void sample(SplitMix64 random, long[] hands) {
    int n = 0;
    for (long rest = unseen; rest != 0L; rest &= rest - 1) {
      cards[n++] = Long.numberOfTrailingZeros(rest);
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = cards[i];
      cards[i] = cards[j];
      cards[j] = t;
    }
    System.arraycopy(capacity, 0, left, 0, Seats.COUNT);
    for (int suit = 0; suit < 4; suit++) {
      suitLeft[suit] = Long.bitCount(unseen & Playout.suitMask(suit));
    }
    for (int i = 0; i < n; i++) {
      int card = cards[i];
      int seat = chooseSeat(Playout.suitOf(card), random);
      hands[seat] |= 1L << card;
    }
  }

  private int chooseSeat(int suit, SplitMix64 random) {
    int weights = 0;
    for (int s = 0; s < Seats.COUNT; s++) {
      weight[s] = 0;
      if ((seatsForSuit[suit] & (1 << s)) == 0 || left[s] == 0) {
        continue;
      }
      if (constrained && !feasibleAfter(s, suit)) {
        continue;
      }
      weight[s] = left[s];
      weights += left[s];
    }
    int pick = random.nextInt(weights);
    int seat = 0;
    while (pick >= weight[seat]) {
      pick -= weight[seat];
      seat++;
    }
    left[seat]--;
    suitLeft[suit]--;
    return seat;
  }

  private boolean feasibleAfter(int seat, int suit) {
    left[seat]--;
    suitLeft[suit]--;
    boolean ok = feasible();
    left[seat]++;
    suitLeft[suit]++;
    return ok;
  }

  /** Hall's condition: the cards only a set of seats may take fit in that set's hands. */
  private boolean feasible() {
    for (int set = 1; set < 16; set++) {
      int room = 0;
      for (int s = 0; s < Seats.COUNT; s++) {
        if ((set & (1 << s)) != 0) {
          room += left[s];
        }
      }
      int need = 0;
      for (int suits = suitsInside[set]; suits != 0; suits &= suits - 1) {
        need += suitLeft[Integer.numberOfTrailingZeros(suits)];
      }
      if (need > room) {
        return false;
      }
    }
    return true;
  }
}
