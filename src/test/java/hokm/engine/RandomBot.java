package hokm.engine;

/**
 * Plays a uniformly random legal card and declares a random trump: the weakest opponent, for the
 * engine's property tests and benchmarks only (the server seats {@link EasyBot}, {@link
 * HeuristicBot} and {@link SearchBot}).
 */
public final class RandomBot implements Bot {
  private final SplitMix64 random;

  public RandomBot(long seed) {
    this.random = new SplitMix64(seed);
  }

  @Override
  public Suit chooseTrump(SeatView view) {
    return Suit.all().get(random.nextInt(4));
  }

  @Override
  public Card playCard(SeatView view) {
    CardSet legal = view.legal();
    return legal.get(random.nextInt(legal.size()));
  }
}
