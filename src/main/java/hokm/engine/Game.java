package hokm.engine;

import hokm.engine.GameEvent.CardPlayed;
import hokm.engine.GameEvent.CardsDealt;
import hokm.engine.GameEvent.GameOver;
import hokm.engine.GameEvent.HakemChosen;
import hokm.engine.GameEvent.HandOver;
import hokm.engine.GameEvent.HandStarted;
import hokm.engine.GameEvent.TrickWon;
import hokm.engine.GameEvent.TrumpChosen;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * One game of Hokm: the complete rules as a state machine. A game is fully defined by its seed, its
 * rules and the list of accepted moves; {@link #replay} rebuilds any state from them.
 *
 * <p>Not thread-safe: a game has one writer (its table's mailbox). Moves that are refused change
 * nothing.
 */
public final class Game {
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final int HAND_TRICKS_TO_WIN = 7;
  private static final int CARDS_FIRST_ROUND = 5;
  private static final int CARDS_LATER_ROUND = 4;

  private final long seed;
  private final byte[] dealSecret;
  private final Rules rules;
  private final HakemChosen ceremony;
  private final List<GameEvent> openingEvents;
  private final List<Move> moves = new ArrayList<>();

  private Phase phase;
  private int handNumber;
  private int hakem;
  private Suit trump;
  private final long[] hands = new long[Seats.COUNT];
  private final byte[] deck = new byte[Card.COUNT];

  private int leader;
  private int turn;
  private final byte[] table = new byte[Seats.COUNT];
  private int tableCount;

  private final byte[] trickCards = new byte[Card.COUNT];
  private final byte[] trickLeaders = new byte[13];
  private final byte[] trickWinners = new byte[13];
  private int tricksPlayed;
  private final int[] trickCounts = new int[2];
  private final int[] scores = new int[2];

  private int winnerTeam;
  private EndReason endReason;

  private Game(long seed, Rules rules, HakemChosen ceremony, byte[] firstPack) {
    this(seed, null, rules, ceremony, firstPack);
  }

  private Game(long seed, byte[] dealSecret, Rules rules, HakemChosen ceremony, byte[] firstPack) {
    this.seed = seed;
    this.dealSecret = dealSecret;
    this.rules = rules;
    this.ceremony = ceremony;
    List<GameEvent> opening = new ArrayList<>();
    opening.add(ceremony);
    this.hakem = ceremony.hakem();
    startHand(1, firstPack, opening::add);
    this.openingEvents = Collections.unmodifiableList(opening);
  }

  /** Starts a game: the first hakem is chosen and the first five cards are dealt. */
  public static Game start(long seed, Rules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules are required");
    }
    return new Game(seed, rules, chooseFirstHakem(seed), null);
  }

  /**
   * Starts a game whose deals come from a secret of at least 256 bits (see {@link DealStream}): the
   * face-up deal from label {@code hokm/hakem-deal}, hand {@code n} from {@code hokm/hand/<n>}.
   */
  public static Game start(byte[] dealSecret, Rules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules are required");
    }
    byte[] secret = dealSecret == null ? null : dealSecret.clone();
    DealStream ceremony = new DealStream(secret, "hokm/hakem-deal");
    return new Game(
        0L, secret, rules, chooseFirstHakem(ceremony::nextInt, ceremony::shuffle), null);
  }

  /** A fresh 256-bit deal secret from a cryptographically strong source. */
  public static byte[] newDealSecret() {
    byte[] secret = new byte[DealStream.SECRET_BYTES];
    SEEDS.nextBytes(secret);
    return secret;
  }

  /** Rebuilds a game dealt from {@code dealSecret} from its moves. */
  public static Game replay(byte[] dealSecret, Rules rules, List<? extends Move> moves) {
    return replayFrom(start(dealSecret, rules), moves);
  }

  /**
   * A game whose first hand is dealt from {@code pack} (52 card indexes in dealing order) with
   * {@code hakem} as the first hakem; later hands are shuffled from the seed as usual. For tests
   * that need a particular deal.
   */
  static Game arranged(long seed, Rules rules, int hakem, byte[] pack) {
    long seen = 0L;
    for (byte index : pack) {
      seen |= 1L << index;
    }
    if (pack.length != Card.COUNT || seen != CardSet.ALL_BITS) {
      throw new IllegalArgumentException("not a full pack");
    }
    return new Game(seed, rules, new HakemChosen(hakem, hakem, List.of()), pack.clone());
  }

  /** A seed from a cryptographically strong source, for games played for real. */
  public static long newSeed() {
    return SEEDS.nextLong();
  }

  /**
   * Rebuilds a game from its seed and moves.
   *
   * @throws IllegalArgumentException when a move is refused: the record is not a real game
   */
  public static Game replay(long seed, Rules rules, List<? extends Move> moves) {
    return replayFrom(start(seed, rules), moves);
  }

  private static Game replayFrom(Game game, List<? extends Move> moves) {
    int index = 0;
    for (Move move : moves) {
      Rejection rejection = game.apply(move, EventSink.NONE);
      if (rejection != null) {
        throw new IllegalArgumentException(
            "move " + index + " (" + move + ") is refused: " + rejection);
      }
      index++;
    }
    return game;
  }

  // ---------------------------------------------------------------------------------------------
  // Moves

  /** Applies a move and returns its events, or the reason it was refused. */
  public MoveResult apply(Move move) {
    List<GameEvent> events = new ArrayList<>(8);
    Rejection rejection = apply(move, events::add);
    return rejection == null ? MoveResult.accepted(events) : MoveResult.rejected(rejection);
  }

  /**
   * Applies a move, handing its events to {@code sink} in order.
   *
   * @return null when the move was accepted, else why it was refused (and nothing changed)
   */
  public Rejection apply(Move move, EventSink sink) {
    Rejection rejection = check(move);
    if (rejection != null) {
      return rejection;
    }
    moves.add(move);
    if (move instanceof Move.PlayCard play) {
      doPlay(play.seat(), play.card(), sink);
    } else if (move instanceof Move.ChooseTrump choose) {
      doChooseTrump(choose.suit(), sink);
    } else if (move instanceof Move.Forfeit forfeit) {
      endGame(Seats.opponentOf(forfeit.team()), EndReason.FORFEIT, sink);
    } else if (move instanceof Move.Stop stop) {
      endGame(0, stop.reason(), sink);
    }
    return null;
  }

  /** Whether a move would be accepted now: null if so, else the reason it would be refused. */
  public Rejection check(Move move) {
    if (move == null) {
      return Rejection.INVALID_MOVE;
    }
    if (move instanceof Move.PlayCard play) {
      return checkPlay(play.seat(), play.card());
    }
    if (move instanceof Move.ChooseTrump choose) {
      return checkChooseTrump(choose.seat(), choose.suit());
    }
    if (move instanceof Move.Forfeit forfeit) {
      return checkForfeit(forfeit.team());
    }
    return checkStop(((Move.Stop) move).reason());
  }

  private Rejection checkPlay(int seat, Card card) {
    if (!Seats.isValid(seat)) {
      return Rejection.INVALID_SEAT;
    }
    if (card == null) {
      return Rejection.INVALID_MOVE;
    }
    if (phase != Phase.PLAYING) {
      return Rejection.WRONG_PHASE;
    }
    if (seat != turn) {
      return Rejection.NOT_YOUR_TURN;
    }
    long hand = hands[seat];
    if ((hand & card.bit()) == 0L) {
      return Rejection.CARD_NOT_IN_HAND;
    }
    if (tableCount > 0) {
      long led = CardSet.suitMask(Card.of(table[0]).suit());
      if ((card.bit() & led) == 0L && (hand & led) != 0L) {
        return Rejection.MUST_FOLLOW_SUIT;
      }
    }
    return null;
  }

  private Rejection checkChooseTrump(int seat, Suit suit) {
    if (!Seats.isValid(seat)) {
      return Rejection.INVALID_SEAT;
    }
    if (suit == null) {
      return Rejection.INVALID_MOVE;
    }
    if (phase != Phase.CHOOSING_TRUMP) {
      return Rejection.WRONG_PHASE;
    }
    if (seat != hakem) {
      return Rejection.NOT_HAKEM;
    }
    return null;
  }

  private Rejection checkForfeit(int team) {
    if (!Seats.isValidTeam(team)) {
      return Rejection.INVALID_MOVE;
    }
    return phase == Phase.GAME_OVER ? Rejection.WRONG_PHASE : null;
  }

  private Rejection checkStop(EndReason reason) {
    if (reason != EndReason.ABANDONED && reason != EndReason.ABORTED) {
      return Rejection.INVALID_MOVE;
    }
    return phase == Phase.GAME_OVER ? Rejection.WRONG_PHASE : null;
  }

  private void doChooseTrump(Suit suit, EventSink sink) {
    trump = suit;
    sink.accept(new TrumpChosen(hakem, suit));
    int position = CARDS_FIRST_ROUND * Seats.COUNT;
    long[] fresh = new long[Seats.COUNT];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < Seats.COUNT; i++) {
        int seat = (hakem + i) & 3;
        for (int c = 0; c < CARDS_LATER_ROUND; c++) {
          fresh[seat] |= 1L << deck[position++];
        }
      }
    }
    for (int i = 0; i < Seats.COUNT; i++) {
      int seat = (hakem + i) & 3;
      hands[seat] |= fresh[seat];
      sink.accept(new CardsDealt(seat, CardSet.ofBits(fresh[seat]), CardSet.ofBits(hands[seat])));
    }
    phase = Phase.PLAYING;
    leader = hakem;
    turn = hakem;
  }

  private void doPlay(int seat, Card card, EventSink sink) {
    hands[seat] &= ~card.bit();
    table[tableCount++] = (byte) card.index();
    sink.accept(new CardPlayed(seat, card));
    if (tableCount < Seats.COUNT) {
      turn = Seats.next(turn);
      return;
    }
    int winner = trickWinner();
    int team = Seats.teamOf(winner);
    System.arraycopy(table, 0, trickCards, tricksPlayed * Seats.COUNT, Seats.COUNT);
    trickLeaders[tricksPlayed] = (byte) leader;
    trickWinners[tricksPlayed] = (byte) winner;
    tricksPlayed++;
    tableCount = 0;
    trickCounts[team - 1]++;
    sink.accept(new TrickWon(winner, team, trickCountsNow()));
    if (trickCounts[team - 1] == HAND_TRICKS_TO_WIN) {
      finishHand(team, sink);
    } else {
      leader = winner;
      turn = winner;
    }
  }

  private int trickWinner() {
    Card best = Card.of(table[0]);
    int bestPosition = 0;
    for (int i = 1; i < Seats.COUNT; i++) {
      Card card = Card.of(table[i]);
      boolean beats =
          card.suit() == best.suit()
              ? card.rank().ordinal() > best.rank().ordinal()
              : card.suit() == trump;
      if (beats) {
        best = card;
        bestPosition = i;
      }
    }
    return (leader + bestPosition) & 3;
  }

  private void finishHand(int winner, EventSink sink) {
    int hakemTeam = Seats.teamOf(hakem);
    int loserTricks = trickCounts[Seats.opponentOf(winner) - 1];
    boolean kot = loserTricks == 0 && winner == hakemTeam;
    boolean hakemKot = loserTricks == 0 && winner != hakemTeam;
    int points = 1;
    if (rules.kotScoring()) {
      points = kot ? 2 : hakemKot ? 3 : 1;
    }
    scores[winner - 1] += points;
    int nextHakem = winner == hakemTeam ? hakem : Seats.next(hakem);
    sink.accept(
        new HandOver(
            handNumber, winner, points, kot, hakemKot, trickCountsNow(), scoresNow(), nextHakem));
    hakem = nextHakem;
    if (scores[winner - 1] >= rules.targetPoints()) {
      endGame(winner, EndReason.FINISHED, sink);
    } else {
      startHand(handNumber + 1, sink);
    }
  }

  private void endGame(int winner, EndReason reason, EventSink sink) {
    phase = Phase.GAME_OVER;
    winnerTeam = winner;
    endReason = reason;
    turn = -1;
    sink.accept(new GameOver(winner, scoresNow(), reason));
  }

  // ---------------------------------------------------------------------------------------------
  // Dealing

  private static HakemChosen chooseFirstHakem(long seed) {
    SplitMix64 random = new SplitMix64(seed);
    return chooseFirstHakem(random::nextInt, random::shuffle);
  }

  private static HakemChosen chooseFirstHakem(IntUnaryOperator nextInt, Consumer<byte[]> shuffle) {
    int firstSeat = nextInt.applyAsInt(Seats.COUNT);
    byte[] pack = freshPack();
    shuffle.accept(pack);
    List<Card> dealt = new ArrayList<>();
    int seat = firstSeat;
    for (byte index : pack) {
      Card card = Card.of(index);
      dealt.add(card);
      if (card.rank() == Rank.ACE) {
        return new HakemChosen(seat, firstSeat, List.copyOf(dealt));
      }
      seat = Seats.next(seat);
    }
    throw new AssertionError("a pack without an ace");
  }

  private static byte[] freshPack() {
    byte[] pack = new byte[Card.COUNT];
    for (int i = 0; i < pack.length; i++) {
      pack[i] = (byte) i;
    }
    return pack;
  }

  /** The seed of the shuffle of hand {@code hand} (1-based), derived from the game's seed. */
  public long handSeed(int hand) {
    return handSeed(seed, hand);
  }

  static long handSeed(long gameSeed, int hand) {
    return SplitMix64.mix(gameSeed + 0x632BE59BD9B4E019L * hand);
  }

  private void startHand(int number, EventSink sink) {
    startHand(number, null, sink);
  }

  private void startHand(int number, byte[] pack, EventSink sink) {
    handNumber = number;
    trump = null;
    tricksPlayed = 0;
    tableCount = 0;
    trickCounts[0] = 0;
    trickCounts[1] = 0;
    if (pack != null) {
      System.arraycopy(pack, 0, deck, 0, Card.COUNT);
    } else {
      for (int i = 0; i < Card.COUNT; i++) {
        deck[i] = (byte) i;
      }
      if (dealSecret != null) {
        new DealStream(dealSecret, "hokm/hand/" + number).shuffle(deck);
      } else {
        new SplitMix64(handSeed(number)).shuffle(deck);
      }
    }
    sink.accept(new HandStarted(number, hakem));
    int position = 0;
    for (int i = 0; i < Seats.COUNT; i++) {
      int seat = (hakem + i) & 3;
      long bits = 0L;
      for (int c = 0; c < CARDS_FIRST_ROUND; c++) {
        bits |= 1L << deck[position++];
      }
      hands[seat] = bits;
      CardSet cards = CardSet.ofBits(bits);
      sink.accept(new CardsDealt(seat, cards, cards));
    }
    phase = Phase.CHOOSING_TRUMP;
    leader = hakem;
    turn = hakem;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  public long seed() {
    return seed;
  }

  /** Whether this game's deals come from a 256-bit secret rather than a legacy 64-bit seed. */
  public boolean dealtFromSecret() {
    return dealSecret != null;
  }

  public Rules rules() {
    return rules;
  }

  /** The face-up deal that chose the first hakem. */
  public HakemChosen ceremony() {
    return ceremony;
  }

  /** The events of the start of the game: the hakem ceremony and the first five cards each. */
  public List<GameEvent> openingEvents() {
    return openingEvents;
  }

  /** The accepted moves so far, in order. With the seed and rules, they define this game. */
  public List<Move> moves() {
    return Collections.unmodifiableList(moves);
  }

  public Phase phase() {
    return phase;
  }

  public boolean isOver() {
    return phase == Phase.GAME_OVER;
  }

  /** 1-based number of the current hand. */
  public int handNumber() {
    return handNumber;
  }

  /** 1-based number of the trick being played in the current hand. */
  public int trickNumber() {
    return tricksPlayed + 1;
  }

  public int hakem() {
    return hakem;
  }

  /** The trump of the current hand, or null before it is declared. */
  public Suit trump() {
    return trump;
  }

  /** The seat to act, or -1 when the game is over. */
  public int turn() {
    return turn;
  }

  public TeamCounts trickCountsNow() {
    return new TeamCounts(trickCounts[0], trickCounts[1]);
  }

  public TeamCounts scoresNow() {
    return new TeamCounts(scores[0], scores[1]);
  }

  /** 1 or 2 once a team won, else 0. */
  public int winnerTeam() {
    return winnerTeam;
  }

  public EndReason endReason() {
    return endReason;
  }

  /**
   * The cards a seat holds. Server side only (for records and replays of finished games): what a
   * player is shown comes from {@link #viewFor(int)}.
   */
  public CardSet hand(int seat) {
    return CardSet.ofBits(hands[checkSeat(seat)]);
  }

  /** The cards dealt to a seat in the current hand: the first five until the trump is chosen. */
  public CardSet dealtHand(int seat) {
    return deal(seat, phase == Phase.CHOOSING_TRUMP ? CARDS_FIRST_ROUND : 13);
  }

  /**
   * All 13 cards a seat receives in the current hand, including those still to be dealt after the
   * trump. Server side only: for the record of the hand.
   */
  public CardSet fullDeal(int seat) {
    return deal(seat, 13);
  }

  private CardSet deal(int seat, int dealtPerSeat) {
    checkSeat(seat);
    int offset = (seat - hakem) & 3;
    long bits = 0L;
    for (int c = 0; c < CARDS_FIRST_ROUND; c++) {
      bits |= 1L << deck[offset * CARDS_FIRST_ROUND + c];
    }
    if (dealtPerSeat > CARDS_FIRST_ROUND) {
      int base = CARDS_FIRST_ROUND * Seats.COUNT;
      for (int round = 0; round < 2; round++) {
        int start = base + round * CARDS_LATER_ROUND * Seats.COUNT + offset * CARDS_LATER_ROUND;
        for (int c = 0; c < CARDS_LATER_ROUND; c++) {
          bits |= 1L << deck[start + c];
        }
      }
    }
    return CardSet.ofBits(bits);
  }

  /** The cards {@code seat} may play now; empty when it is not that seat's turn to play a card. */
  public CardSet legalCards(int seat) {
    return CardSet.ofBits(legalBits(checkSeat(seat)));
  }

  private long legalBits(int seat) {
    if (phase != Phase.PLAYING || seat != turn) {
      return 0L;
    }
    long hand = hands[seat];
    if (tableCount == 0) {
      return hand;
    }
    long follow = hand & CardSet.suitMask(Card.of(table[0]).suit());
    return follow != 0L ? follow : hand;
  }

  /** The current trick's cards, in the order played. */
  public List<PlayedCard> tableCards() {
    List<PlayedCard> cards = new ArrayList<>(tableCount);
    for (int i = 0; i < tableCount; i++) {
      cards.add(new PlayedCard((leader + i) & 3, Card.of(table[i])));
    }
    return Collections.unmodifiableList(cards);
  }

  /** The completed tricks of the current hand. */
  public List<Trick> completedTricks() {
    List<Trick> tricks = new ArrayList<>(tricksPlayed);
    for (int t = 0; t < tricksPlayed; t++) {
      List<PlayedCard> cards = new ArrayList<>(Seats.COUNT);
      int lead = trickLeaders[t];
      for (int i = 0; i < Seats.COUNT; i++) {
        cards.add(new PlayedCard((lead + i) & 3, Card.of(trickCards[t * Seats.COUNT + i])));
      }
      tricks.add(new Trick(t + 1, lead, List.copyOf(cards), trickWinners[t]));
    }
    return Collections.unmodifiableList(tricks);
  }

  /** What a spectator may see. */
  public PublicView publicView() {
    return new PublicView(
        phase,
        rules,
        handNumber,
        hakem,
        trump,
        turn,
        tableCards(),
        completedTricks(),
        trickCountsNow(),
        scoresNow(),
        winnerTeam,
        endReason);
  }

  /** What {@code seat} may see: the public view, its own hand and its legal cards. */
  public SeatView viewFor(int seat) {
    checkSeat(seat);
    return new SeatView(
        seat, CardSet.ofBits(hands[seat]), CardSet.ofBits(legalBits(seat)), publicView());
  }

  private static int checkSeat(int seat) {
    if (!Seats.isValid(seat)) {
      throw new IllegalArgumentException("no such seat: " + seat);
    }
    return seat;
  }

  @Override
  public String toString() {
    return "Game[hand="
        + handNumber
        + ", phase="
        + phase
        + ", hakem="
        + hakem
        + ", trump="
        + trump
        + ", turn="
        + turn
        + ", scores="
        + scoresNow()
        + "]";
  }
}
