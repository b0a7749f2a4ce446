package hokm.engine;

/**
 * The rest of one hand on bit masks, for the search: four known hands, the cards on the table and
 * the trick counts, played on by {@link #heuristicCard} (the {@link HeuristicBot}'s rules, move for
 * move, written on masks so that a whole hand costs a few microseconds). Mutable and reused: {@link
 * #copyFrom} resets it to a position before each playout.
 *
 * <p>Cards are their indexes (0..51), suits their ordinals, teams 0 and 1 (seats 0 and 2 are team
 * 0). The hand stops as soon as a team has seven tricks, as in {@link Game}.
 */
final class Playout {
  static final int TRICKS_TO_WIN = 7;
  private static final long SUIT_BITS = (1L << 13) - 1;

  final long[] hands = new long[Seats.COUNT];

  /** Cards played in this hand, the table's included. */
  long played;

  int trump;
  int leader;
  int turn;
  final int[] table = new int[Seats.COUNT];
  int tableCount;
  final int[] tricks = new int[2];

  /** The team (0 or 1) that reached seven tricks, or -1 while the hand runs. */
  int winner = -1;

  void copyFrom(Playout other) {
    System.arraycopy(other.hands, 0, hands, 0, Seats.COUNT);
    played = other.played;
    trump = other.trump;
    leader = other.leader;
    turn = other.turn;
    System.arraycopy(other.table, 0, table, 0, Seats.COUNT);
    tableCount = other.tableCount;
    tricks[0] = other.tricks[0];
    tricks[1] = other.tricks[1];
    winner = other.winner;
  }

  static long suitMask(int suit) {
    return SUIT_BITS << (suit * 13);
  }

  static int suitOf(int card) {
    return card / 13;
  }

  static int rankOf(int card) {
    return card % 13;
  }

  static int lowest(long cards) {
    return Long.numberOfTrailingZeros(cards);
  }

  static int highest(long cards) {
    return 63 - Long.numberOfLeadingZeros(cards);
  }

  /** The cards of the card's suit above it. */
  static long higherInSuit(int card) {
    return suitMask(suitOf(card)) & -(1L << card << 1);
  }

  /** The cards the seat to play may play now. */
  long legal() {
    long hand = hands[turn];
    if (tableCount == 0) {
      return hand;
    }
    long follow = hand & suitMask(suitOf(table[0]));
    return follow != 0L ? follow : hand;
  }

  /** Plays a card of the seat to move (it must be legal) and settles the trick when it is full. */
  void play(int card) {
    hands[turn] &= ~(1L << card);
    played |= 1L << card;
    table[tableCount++] = card;
    if (tableCount < Seats.COUNT) {
      turn = (turn + 1) & 3;
      return;
    }
    int best = 0;
    for (int i = 1; i < Seats.COUNT; i++) {
      if (beats(table[i], table[best], trump)) {
        best = i;
      }
    }
    int seat = (leader + best) & 3;
    int team = seat & 1;
    tableCount = 0;
    if (++tricks[team] == TRICKS_TO_WIN) {
      winner = team;
    }
    leader = seat;
    turn = seat;
  }

  /** Plays the hand to its end with the heuristic for every seat. */
  void finishWithHeuristic() {
    while (winner < 0) {
      play(heuristicCard());
    }
  }

  static boolean beats(int card, int best, int trump) {
    int suit = suitOf(card);
    return suit == suitOf(best) ? card > best : suit == trump;
  }

  /** The cards among {@code cards} that beat {@code best}. */
  static long beatersOf(long cards, int best, int trump) {
    long beaters = cards & higherInSuit(best);
    if (suitOf(best) != trump) {
      beaters |= cards & suitMask(trump);
    }
    return beaters;
  }

  /** True when none of {@code unseen} is above the card in its suit. */
  static boolean isMaster(int card, long unseen) {
    return (unseen & higherInSuit(card)) == 0L;
  }

  /** The card the heuristic plays for the seat to move, seeing only that seat's hand. */
  int heuristicCard() {
    long legal = legal();
    if (Long.bitCount(legal) == 1) {
      return lowest(legal);
    }
    long hand = hands[turn];
    long unseen = CardSet.ALL_BITS & ~hand & ~played;
    return tableCount == 0 ? lead(hand, unseen) : follow(hand, legal, unseen);
  }

  private int lead(long hand, long unseen) {
    int bestMaster = -1;
    int bestOutstanding = -1;
    for (int suit = 0; suit < 4; suit++) {
      long mine = hand & suitMask(suit);
      if (suit == trump || mine == 0L) {
        continue;
      }
      int top = highest(mine);
      int outstanding = Long.bitCount(unseen & suitMask(suit));
      if (isMaster(top, unseen) && outstanding > bestOutstanding) {
        bestMaster = top;
        bestOutstanding = outstanding;
      }
    }
    if (bestMaster >= 0 && bestOutstanding >= 2) {
      return bestMaster;
    }
    long trumps = hand & suitMask(trump);
    int unseenTrumps = Long.bitCount(unseen & suitMask(trump));
    if (trumps != 0L && unseenTrumps > 0 && Long.bitCount(trumps) >= unseenTrumps) {
      int top = highest(trumps);
      if (isMaster(top, unseen)) {
        return top;
      }
    }
    if (bestMaster >= 0) {
      return bestMaster;
    }
    int longest = -1;
    int longestCount = 0;
    for (int suit = 0; suit < 4; suit++) {
      int count = Long.bitCount(hand & suitMask(suit));
      if (suit != trump && count > longestCount) {
        longest = suit;
        longestCount = count;
      }
    }
    return longest >= 0 ? lowest(hand & suitMask(longest)) : lowest(trumps);
  }

  private int follow(long hand, long legal, long unseen) {
    int led = suitOf(table[0]);
    int winning = 0;
    for (int i = 1; i < tableCount; i++) {
      if (beats(table[i], table[winning], trump)) {
        winning = i;
      }
    }
    boolean partnerWinning = ((leader + winning) & 3) == ((turn + 2) & 3);
    int toBeat = table[winning];
    if ((hand & suitMask(led)) != 0L) {
      if (partnerWinning) {
        return lowest(legal);
      }
      long beaters = beatersOf(legal, toBeat, trump);
      if (beaters == 0L) {
        return lowest(legal);
      }
      if (tableCount == Seats.COUNT - 1) {
        return lowest(beaters);
      }
      for (long rest = beaters; rest != 0L; rest &= rest - 1) {
        int card = lowest(rest);
        if (isMaster(card, unseen)) {
          return card;
        }
      }
      return tableCount == 1 ? lowest(legal) : lowest(beaters);
    }
    long trumps = legal & suitMask(trump);
    if (!partnerWinning && trumps != 0L) {
      long over = beatersOf(trumps, toBeat, trump);
      if (over != 0L) {
        return lowest(over);
      }
    }
    return discard(legal, trump);
  }

  /**
   * The lowest card outside the trump suit (the first suit on equal ranks), else the lowest trump.
   */
  static int discard(long cards, int trump) {
    int lowest = -1;
    for (int suit = 0; suit < 4; suit++) {
      long side = cards & suitMask(suit);
      if (suit == trump || side == 0L) {
        continue;
      }
      int low = lowest(side);
      if (lowest < 0 || rankOf(low) < rankOf(lowest)) {
        lowest = low;
      }
    }
    return lowest >= 0 ? lowest : lowest(cards & suitMask(trump));
  }
}
