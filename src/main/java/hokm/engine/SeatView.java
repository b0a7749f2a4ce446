package hokm.engine;

/**
 * What one seat may see: the public view plus its own hand and, on its turn, the cards it may play.
 * Only {@link Game#viewFor(int)} builds one, from that seat's hand alone, so a seat's view cannot
 * hold another seat's cards.
 */
public final class SeatView {
  private final int seat;
  private final CardSet hand;
  private final CardSet legal;
  private final PublicView table;

  SeatView(int seat, CardSet hand, CardSet legal, PublicView table) {
    this.seat = seat;
    this.hand = hand;
    this.legal = legal;
    this.table = table;
  }

  public int seat() {
    return seat;
  }

  public int team() {
    return Seats.teamOf(seat);
  }

  /** This seat's cards. */
  public CardSet hand() {
    return hand;
  }

  /** The cards this seat may play now; empty when it is not this seat's turn to play a card. */
  public CardSet legal() {
    return legal;
  }

  /** The public part of the view. */
  public PublicView table() {
    return table;
  }

  public boolean isMyTurn() {
    return table.turn() == seat;
  }

  @Override
  public String toString() {
    return "SeatView[seat=" + seat + ", hand=" + hand + ", legal=" + legal + ", " + table + "]";
  }
}
